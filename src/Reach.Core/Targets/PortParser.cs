using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Reach.Services;
using Reach.Text;

namespace Reach.Targets;

/// <summary>Reads one port: a number (1-65535) or a service name (<c>https</c>, <c>RDP</c>), case-insensitive.</summary>
public static class PortParser
{
    public const int MaxPort = 65535;

    public static bool TryParse(string? text, out PortSpec port, [NotNullWhen(false)] out string? error)
    {
        port = default;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            error = "empty port";
            return false;
        }

        if (char.IsAsciiDigit(trimmed[0]) || trimmed[0] is '-' or '+')
        {
            if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                error = long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
                    ? $"port {trimmed} is out of range (1-{MaxPort})"
                    : $"{Printable.Quote(trimmed)} is not a port number or service name";
                return false;
            }

            if (number is < 1 or > MaxPort)
            {
                error = $"port {trimmed} is out of range (1-{MaxPort})";
                return false;
            }

            port = new PortSpec(number, ServiceCatalog.FindByPort(number)?.Name);
            error = null;
            return true;
        }

        if (ServiceCatalog.TryGetByName(trimmed, out var entry))
        {
            port = new PortSpec(entry.Port, entry.Name);
            error = null;
            return true;
        }

        var suggestions = ServiceCatalog.Suggest(trimmed);
        error = suggestions.Count == 0
            ? $"unknown service {Printable.Quote(trimmed)} (see 'reach services')"
            : $"unknown service {Printable.Quote(trimmed)}; did you mean {string.Join(", ", suggestions)}?";
        return false;
    }
}
