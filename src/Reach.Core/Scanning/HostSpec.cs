using System.Net.Sockets;

namespace Reach.Scanning;

/// <summary>
/// One item of a scan's host list, parsed: either addresses (an address, a CIDR network or a range, always one
/// <see cref="AddressRange"/>) or a host name that the caller resolves later.
/// </summary>
public sealed class HostSpec
{
    private HostSpec(string text, string? hostName, IReadOnlyList<AddressRange> ranges)
    {
        Text = text;
        HostName = hostName;
        Ranges = ranges;
    }

    /// <summary>The item as written (trimmed), for messages.</summary>
    public string Text { get; }

    /// <summary>The host name to resolve, or null when the spec is made of addresses.</summary>
    public string? HostName { get; }

    /// <summary>The addresses of the spec; empty for a host name.</summary>
    public IReadOnlyList<AddressRange> Ranges { get; }

    public bool IsHostName => HostName is not null;

    /// <summary>The family of the addresses, or <see cref="AddressFamily.Unspecified"/> for a host name.</summary>
    public AddressFamily Family => Ranges.Count == 0 ? AddressFamily.Unspecified : Ranges[0].Family;

    public static HostSpec ForRange(string text, AddressRange range)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new HostSpec(text, null, [range]);
    }

    public static HostSpec ForHostName(string text, string hostName)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(hostName);
        return new HostSpec(text, hostName, []);
    }

    public override string ToString() => Text;
}
