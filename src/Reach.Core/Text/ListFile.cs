using System.Diagnostics.CodeAnalysis;

namespace Reach.Text;

/// <summary>Parses one line of a list file into an item, or says why it cannot.</summary>
public delegate bool LineParser<T>(string line, [NotNullWhen(true)] out T? item, [NotNullWhen(false)] out string? error);

/// <summary>
/// The list files admins keep (servers.txt): one item per line, <c>#</c> starts a comment, blank lines are
/// skipped, and an error names the file and the line.
/// </summary>
public static class ListFile
{
    public static bool TryReadLines(string path, string what, [NotNullWhen(true)] out string[]? lines, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            lines = File.ReadAllLines(path);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            lines = null;
            error = $"cannot read {what} file '{path}': {FileErrors.Describe(ex)}";
            return false;
        }
    }

    public static bool TryParse<T>(IEnumerable<string> lines, string source, LineParser<T> parse, [NotNullWhen(true)] out List<T>? items, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(parse);
        var list = new List<T>();
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

            if (!parse(line, out var item, out var lineError))
            {
                items = null;
                error = $"{source}:{lineNumber}: {lineError}";
                return false;
            }

            list.Add(item);
        }

        items = list;
        error = null;
        return true;
    }
}
