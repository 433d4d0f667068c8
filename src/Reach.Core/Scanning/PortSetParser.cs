using System.Diagnostics.CodeAnalysis;
using Reach.Targets;
using Reach.Text;

namespace Reach.Scanning;

/// <summary>
/// Reads a port list, the <c>-p</c> of <c>reach scan</c>: comma-separated items, each a port (<c>22</c>), a service
/// name (<c>ssh</c>, <c>RDP</c>, <c>ms-wbt-server</c>), a range (<c>1-1024</c>) or one of nmap's open ranges:
/// <c>-1024</c> (1-1024), <c>60000-</c> (60000-65535) and <c>-</c> (all ports, the <c>-p-</c> of the CLI).
/// </summary>
public static class PortSetParser
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out PortSet? set, [NotNullWhen(false)] out string? error)
    {
        set = null;
        var ranges = new List<(int First, int Last)>();
        foreach (var item in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParseItem(item, out var range, out error))
            {
                return false;
            }

            ranges.Add(range);
        }

        if (ranges.Count == 0)
        {
            error = "empty port list";
            return false;
        }

        set = PortSet.FromRanges(ranges);
        error = null;
        return true;
    }

    private static bool TryParseItem(string item, out (int First, int Last) range, [NotNullWhen(false)] out string? error)
    {
        range = default;
        var dash = item.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0 && item.All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '\t'))
        {
            // A numeric range; service names with dashes (ms-wbt-server) go to the port parser below.
            if (dash != item.LastIndexOf('-'))
            {
                error = $"{Printable.Quote(item)} is not a port, a range or a service name";
                return false;
            }

            var firstText = item[..dash].Trim();
            var lastText = item[(dash + 1)..].Trim();
            var first = 1;
            var last = PortParser.MaxPort;
            if (firstText.Length > 0)
            {
                if (!PortParser.TryParse(firstText, out var port, out error))
                {
                    return false;
                }

                first = port.Number;
            }

            if (lastText.Length > 0)
            {
                if (!PortParser.TryParse(lastText, out var port, out error))
                {
                    return false;
                }

                last = port.Number;
            }

            if (first > last)
            {
                error = $"port range {first}-{last} is reversed";
                return false;
            }

            range = (first, last);
            error = null;
            return true;
        }

        if (!PortParser.TryParse(item, out var single, out error))
        {
            return false;
        }

        range = (single.Number, single.Number);
        return true;
    }
}
