using System.Diagnostics.CodeAnalysis;
using Reach.Text;

namespace Reach.Scanning;

/// <summary>
/// Port sets for server roles, by name (case-insensitive): <c>ad-dc</c>, <c>db</c>, <c>linux-admin</c>, <c>mail</c>,
/// <c>web</c>, <c>windows</c>. docs/profiles.md lists each port and why it is there.
/// </summary>
public static class PortProfiles
{
    /// <summary>Every profile, by name.</summary>
    public static IReadOnlyList<PortProfile> All { get; } =
    [
        Profile("ad-dc", "Active Directory domain controller", 53, 88, 135, 139, 389, 445, 464, 636, 3268, 3269, 9389),
        Profile("db", "database and cache servers", 1433, 1521, 3306, 5432, 5984, 6379, 8086, 9042, 9200, 11211, 27017),
        Profile("linux-admin", "Linux server administration and monitoring", 22, 111, 873, 2049, 9090, 9100, 10050),
        Profile("mail", "mail server", 25, 110, 143, 465, 587, 993, 995),
        Profile("web", "web servers, proxies and application servers", 80, 443, 3000, 5000, 8000, 8008, 8080, 8081, 8443, 8888, 9443),
        Profile("windows", "Windows server or workstation management", 135, 139, 445, 3389, 5985, 5986),
    ];

    /// <summary>The profile names, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(p => p.Name)];

    public static bool TryGet(string? name, [NotNullWhen(true)] out PortProfile? profile, [NotNullWhen(false)] out string? error)
    {
        var trimmed = (name ?? string.Empty).Trim();
        profile = All.FirstOrDefault(p => string.Equals(p.Name, trimmed, StringComparison.OrdinalIgnoreCase));
        if (profile is not null)
        {
            error = null;
            return true;
        }

        var known = string.Join(", ", Names);
        if (trimmed.Length == 0)
        {
            error = $"empty profile name (known: {known})";
            return false;
        }

        // Six short names: the whole list helps more than a guess ("dc" is one letter from "db", but meant ad-dc).
        error = $"unknown profile {Printable.Quote(trimmed)} (known: {known})";
        return false;
    }

    private static PortProfile Profile(string name, string description, params int[] ports) => new(name, description, PortSet.Create(ports));
}
