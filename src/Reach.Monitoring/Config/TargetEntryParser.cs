using System.Diagnostics.CodeAnalysis;
using Reach.Scanning;
using Reach.Targets;

namespace Reach.Monitoring.Config;

/// <summary>
/// Reads one target of a check: what <c>reach scan</c> takes (a name, an address, <c>10.0.0.0/24</c>,
/// <c>10.0.0.1-50</c>) or what <c>reach check</c> takes (<c>db01:5432</c>, <c>[fd00::7]:22</c>, <c>db01 postgresql</c>).
/// </summary>
internal static class TargetEntryParser
{
    public static bool TryParse(string text, [NotNullWhen(true)] out TargetEntry? entry, [NotNullWhen(false)] out string? error)
    {
        entry = null;
        // The scan form first: "10.0.0.1-50" is also a valid host name to the check form. But "[fd00::7]:22" is the
        // check form: IPAddress.TryParse would read it as the bare address and drop the port.
        HostSpec? spec = null;
        string? specError = null;
        if (!text.Contains("]:", StringComparison.Ordinal) && HostSpecParser.TryParse(text, out spec, out specError))
        {
            entry = new TargetEntry(text.Trim(), spec, null);
            error = null;
            return true;
        }

        if (!TargetParser.TryParse(text, out var target, out var targetError))
        {
            error = specError is null || text.Contains(':', StringComparison.Ordinal) || text.Contains(' ', StringComparison.Ordinal) ? targetError : specError;
            return false;
        }

        if (!HostSpecParser.TryParse(target.Host, out spec, out specError))
        {
            error = specError;
            return false;
        }

        entry = new TargetEntry(target.Text, spec, target.Port?.Number, target.Url);
        error = null;
        return true;
    }
}
