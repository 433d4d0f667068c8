using System.Diagnostics.CodeAnalysis;
using Reach.Text;

namespace Reach.Scanning;

/// <summary>
/// Reads a host list file (<c>-i FILE</c>, <c>--exclude-file FILE</c>): one host spec per line (an address, a
/// network, a range or a host name), <c>#</c> starts a comment, blank lines are skipped. Errors name the file and line.
/// </summary>
public static class HostListReader
{
    /// <summary>
    /// Reads and parses the file line by line, within <see cref="ListFile"/>'s limits (a file that never ends, such as
    /// /dev/zero, is an error, not unbounded memory). The token is checked between reads.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static bool TryRead(string path, HostSpecRole role, [NotNullWhen(true)] out IReadOnlyList<HostSpec>? specs, [NotNullWhen(false)] out string? error, CancellationToken cancellationToken = default)
    {
        specs = null;
        return ListFile.TryRead(path, "host", Parser(role), out var list, out error, cancellationToken)
            && TryAccept(list, path, role, out specs, out error);
    }

    /// <summary>
    /// Parses the lines of a host list. A target list with no spec is an error ("no targets in the file"); an
    /// exclusion list may be empty (it excludes nothing).
    /// </summary>
    public static bool TryParseLines(IEnumerable<string> lines, string source, HostSpecRole role, [NotNullWhen(true)] out IReadOnlyList<HostSpec>? specs, [NotNullWhen(false)] out string? error)
    {
        specs = null;
        return ListFile.TryParse(lines, source, Parser(role), out var list, out error)
            && TryAccept(list, source, role, out specs, out error);
    }

    private static LineParser<HostSpec> Parser(HostSpecRole role) =>
        (string line, [NotNullWhen(true)] out HostSpec? spec, [NotNullWhen(false)] out string? lineError) =>
            HostSpecParser.TryParse(line, role, out spec, out lineError);

    private static bool TryAccept(List<HostSpec> list, string source, HostSpecRole role, [NotNullWhen(true)] out IReadOnlyList<HostSpec>? specs, [NotNullWhen(false)] out string? error)
    {
        if (list.Count == 0 && role == HostSpecRole.Target)
        {
            specs = null;
            error = $"{Printable.OneLine(source)}: no targets in the file";
            return false;
        }

        specs = list;
        error = null;
        return true;
    }
}
