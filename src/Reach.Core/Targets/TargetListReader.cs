using System.Diagnostics.CodeAnalysis;
using Reach.Text;

namespace Reach.Targets;

/// <summary>
/// Reads a target list (the admin's servers.txt): one <c>host</c>, <c>host:port</c> or <c>host port</c> per line,
/// <c>#</c> starts a comment, blank lines are skipped.
/// </summary>
public static class TargetListReader
{
    /// <summary>
    /// Reads and parses the file line by line, within <see cref="ListFile"/>'s limits (a file that never ends, such as
    /// /dev/zero, is an error, not unbounded memory). The token is checked between reads.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static bool TryRead(string path, [NotNullWhen(true)] out IReadOnlyList<TargetSpec>? targets, [NotNullWhen(false)] out string? error, CancellationToken cancellationToken = default)
    {
        targets = null;
        if (!ListFile.TryRead<TargetSpec>(path, "target", TargetParser.TryParse, out var list, out error, cancellationToken))
        {
            return false;
        }

        return TryAccept(list, path, out targets, out error);
    }

    public static bool TryParseLines(IEnumerable<string> lines, string source, [NotNullWhen(true)] out IReadOnlyList<TargetSpec>? targets, [NotNullWhen(false)] out string? error)
    {
        targets = null;
        return ListFile.TryParse<TargetSpec>(lines, source, TargetParser.TryParse, out var list, out error)
            && TryAccept(list, source, out targets, out error);
    }

    private static bool TryAccept(List<TargetSpec> list, string source, [NotNullWhen(true)] out IReadOnlyList<TargetSpec>? targets, [NotNullWhen(false)] out string? error)
    {
        if (list.Count == 0)
        {
            targets = null;
            error = $"{Printable.OneLine(source)}: no targets in the file";
            return false;
        }

        targets = list;
        error = null;
        return true;
    }
}
