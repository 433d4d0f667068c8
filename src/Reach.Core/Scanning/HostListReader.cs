using System.Diagnostics.CodeAnalysis;
using Reach.Text;

namespace Reach.Scanning;

/// <summary>
/// Reads a host list file (<c>-i FILE</c>, <c>--exclude-file FILE</c>): one host spec per line (an address, a
/// network, a range or a host name), <c>#</c> starts a comment, blank lines are skipped. Errors name the file and line.
/// </summary>
public static class HostListReader
{
    public static bool TryRead(string path, HostSpecRole role, [NotNullWhen(true)] out IReadOnlyList<HostSpec>? specs, [NotNullWhen(false)] out string? error)
    {
        specs = null;
        return ListFile.TryReadLines(path, "host", out var lines, out error) && TryParseLines(lines, path, role, out specs, out error);
    }

    /// <summary>
    /// Parses the lines of a host list. A target list with no spec is an error ("no targets in the file"); an
    /// exclusion list may be empty (it excludes nothing).
    /// </summary>
    public static bool TryParseLines(IEnumerable<string> lines, string source, HostSpecRole role, [NotNullWhen(true)] out IReadOnlyList<HostSpec>? specs, [NotNullWhen(false)] out string? error)
    {
        specs = null;
        bool Parse(string line, [NotNullWhen(true)] out HostSpec? spec, [NotNullWhen(false)] out string? lineError) =>
            HostSpecParser.TryParse(line, role, out spec, out lineError);

        if (!ListFile.TryParse<HostSpec>(lines, source, Parse, out var list, out error))
        {
            return false;
        }

        if (list.Count == 0 && role == HostSpecRole.Target)
        {
            error = $"{source}: no targets in the file";
            return false;
        }

        specs = list;
        return true;
    }
}
