using System.Diagnostics.CodeAnalysis;

namespace Reach.Scanning;

/// <summary>
/// Reads a host list file (<c>-i FILE</c>, <c>--exclude-file FILE</c>): one host spec per line (an address, a
/// network, a range or a host name), <c>#</c> starts a comment, blank lines are skipped. Errors name the file and line.
/// </summary>
public static class HostListReader
{
    public static bool TryRead(string path, HostSpecRole role, [NotNullWhen(true)] out IReadOnlyList<HostSpec>? specs, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        specs = null;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read host file '{path}': {ex.Message}";
            return false;
        }

        return TryParseLines(lines, path, role, out specs, out error);
    }

    /// <summary>
    /// Parses the lines of a host list. A target list with no spec is an error ("no targets in the file"); an
    /// exclusion list may be empty (it excludes nothing).
    /// </summary>
    public static bool TryParseLines(IEnumerable<string> lines, string source, HostSpecRole role, [NotNullWhen(true)] out IReadOnlyList<HostSpec>? specs, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var list = new List<HostSpec>();
        var lineNumber = 0;
        foreach (var raw in lines)
        {
            lineNumber++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (!HostSpecParser.TryParse(line, role, out var spec, out var lineError))
            {
                specs = null;
                error = $"{source}:{lineNumber}: {lineError}";
                return false;
            }

            list.Add(spec);
        }

        if (list.Count == 0 && role == HostSpecRole.Target)
        {
            specs = null;
            error = $"{source}: no targets in the file";
            return false;
        }

        specs = list;
        error = null;
        return true;
    }
}
