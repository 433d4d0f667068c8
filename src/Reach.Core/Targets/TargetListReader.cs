using System.Diagnostics.CodeAnalysis;

namespace Reach.Targets;

/// <summary>
/// Reads a target list (the admin's servers.txt): one <c>host</c>, <c>host:port</c> or <c>host port</c> per line,
/// <c>#</c> starts a comment, blank lines are skipped.
/// </summary>
public static class TargetListReader
{
    public static bool TryRead(string path, [NotNullWhen(true)] out IReadOnlyList<TargetSpec>? targets, [NotNullWhen(false)] out string? error)
    {
        targets = null;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read target file '{path}': {ex.Message}";
            return false;
        }

        return TryParseLines(lines, path, out targets, out error);
    }

    public static bool TryParseLines(IEnumerable<string> lines, string source, [NotNullWhen(true)] out IReadOnlyList<TargetSpec>? targets, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var list = new List<TargetSpec>();
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

            if (!TargetParser.TryParse(line, out var target, out var lineError))
            {
                targets = null;
                error = $"{source}:{lineNumber}: {lineError}";
                return false;
            }

            list.Add(target);
        }

        if (list.Count == 0)
        {
            targets = null;
            error = $"{source}: no targets in the file";
            return false;
        }

        targets = list;
        error = null;
        return true;
    }
}
