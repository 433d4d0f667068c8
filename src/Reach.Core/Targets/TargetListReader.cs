using System.Diagnostics.CodeAnalysis;
using Reach.Text;

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
        return ListFile.TryReadLines(path, "target", out var lines, out error) && TryParseLines(lines, path, out targets, out error);
    }

    public static bool TryParseLines(IEnumerable<string> lines, string source, [NotNullWhen(true)] out IReadOnlyList<TargetSpec>? targets, [NotNullWhen(false)] out string? error)
    {
        targets = null;
        if (!ListFile.TryParse<TargetSpec>(lines, source, TargetParser.TryParse, out var list, out error))
        {
            return false;
        }

        if (list.Count == 0)
        {
            error = $"{source}: no targets in the file";
            return false;
        }

        targets = list;
        return true;
    }
}
