using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Reach.Text;

/// <summary>Parses one line of a list file into an item, or says why it cannot.</summary>
public delegate bool LineParser<T>(string line, [NotNullWhen(true)] out T? item, [NotNullWhen(false)] out string? error);

/// <summary>
/// The list files admins keep (servers.txt): one item per line, <c>#</c> starts a comment, blank lines are
/// skipped, and an error names the file and the line.
/// </summary>
/// <remarks>
/// A list file may be anything the user names: a FIFO, <c>/dev/stdin</c>, <c>/dev/zero</c>, a binary. It is read as a
/// stream, one line at a time, with three limits so endless input ends in an error instead of unbounded memory: a line
/// holds at most <see cref="MaxLineLength"/> characters, the file at most <see cref="MaxLines"/> lines and
/// <see cref="MaxFileBytes"/> bytes. Measured on `yes | reach check -i /dev/stdin`: without the line limit the 16 MiB
/// of one-letter host names grew reach to 1 GB; with it, reach stops at 160-190 MB. Lines end at LF, CR or CR LF, as
/// <see cref="File.ReadAllLines(string)"/> reads them.
/// </remarks>
public static class ListFile
{
    /// <summary>The longest line a list file may have: a host name is at most 253 characters, a comment a few dozen.</summary>
    public const int MaxLineLength = 4096;

    /// <summary>The most bytes reach reads from one list file (16 MiB: about a million lines of addresses).</summary>
    public const long MaxFileBytes = 16L * 1024 * 1024;

    /// <summary>The most lines reach reads from one list file (comments and blank lines count).</summary>
    public const int MaxLines = 1024 * 1024;

    /// <summary>
    /// Reads every line of a list file (at most <see cref="MaxFileBytes"/> bytes, lines of at most
    /// <see cref="MaxLineLength"/> characters); <paramref name="what"/> names the kind of file in errors ("target").
    /// </summary>
    public static bool TryReadLines(string path, string what, [NotNullWhen(true)] out string[]? lines, [NotNullWhen(false)] out string? error)
    {
        var list = new List<string>();
        if (!TryReadEach(path, what, (_, line) => { list.Add(line); return null; }, out error, CancellationToken.None))
        {
            lines = null;
            return false;
        }

        lines = [.. list];
        return true;
    }

    /// <summary>
    /// Reads a list file and parses each line as it is read (no copy of the whole file is kept): the items, or the
    /// first error, naming the file and the line. Checks <paramref name="cancellationToken"/> between reads.
    /// </summary>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    public static bool TryRead<T>(string path, string what, LineParser<T> parse, [NotNullWhen(true)] out List<T>? items, [NotNullWhen(false)] out string? error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var list = new List<T>();
        var source = Printable.OneLine(path);
        var ok = TryReadEach(path, what, (lineNumber, raw) =>
        {
            var line = WithoutComment(raw);
            if (line.Length == 0)
            {
                return null;
            }

            if (!parse(line, out var item, out var lineError))
            {
                return Located(source, lineNumber, lineError);
            }

            list.Add(item);
            return null;
        }, out error, cancellationToken);

        items = ok ? list : null;
        return ok;
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
            var line = WithoutComment(raw);
            if (line.Length == 0)
            {
                continue;
            }

            if (!parse(line, out var item, out var lineError))
            {
                items = null;
                error = Located(Printable.OneLine(source), lineNumber, lineError);
                return false;
            }

            list.Add(item);
        }

        items = list;
        error = null;
        return true;
    }

    private static string WithoutComment(string raw)
    {
        var hash = raw.IndexOf('#', StringComparison.Ordinal);
        return (hash >= 0 ? raw[..hash] : raw).Trim();
    }

    private static string Located(string source, int lineNumber, string error) =>
        string.Create(CultureInfo.InvariantCulture, $"{source}:{lineNumber}: {error}");

    /// <summary>
    /// Opens <paramref name="path"/> and hands each line to <paramref name="onLine"/> (which returns an error to stop
    /// with, or null to go on).
    /// </summary>
    private static bool TryReadEach(string path, string what, Func<int, string, string?> onLine, [NotNullWhen(false)] out string? error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var source = Printable.OneLine(path);
        if (path.Length == 0)
        {
            error = $"cannot read {what} file '': the file name is empty";
            return false;
        }

        FileStream stream;
        try
        {
            if (Directory.Exists(path))
            {
                error = $"cannot read {what} file {Printable.Quote(path)}: it is a directory";
                return false;
            }

            // Unbuffered: the reader below buffers, and a FIFO or a terminal gives what it has without waiting for more.
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"cannot read {what} file {Printable.Quote(path)}: {FileErrors.Describe(ex, path)}";
            return false;
        }

        using (stream)
        {
            try
            {
                using var lines = new BoundedLineReader(stream, MaxLineLength, MaxFileBytes);
                while (true)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    switch (lines.Read(out var line))
                    {
                        case BoundedLineReader.Outcome.End:
                            error = null;
                            return true;
                        case BoundedLineReader.Outcome.LineTooLong:
                            error = Located(source, lines.LineNumber, $"the line is longer than {MaxLineLength} characters, the most a {what} file line may have");
                            return false;
                        case BoundedLineReader.Outcome.FileTooLarge:
                            error = Located(source, lines.LineNumber, $"the file goes on past {MaxFileBytes / (1024 * 1024)} MiB, the most reach reads from a {what} file");
                            return false;
                    }

                    if (lines.LineNumber > MaxLines)
                    {
                        error = Located(source, lines.LineNumber, $"the file has more than {MaxLines.ToString("N0", CultureInfo.InvariantCulture)} lines, the most reach reads from a {what} file");
                        return false;
                    }

                    if (onLine(lines.LineNumber, line!) is { } lineError)
                    {
                        error = lineError;
                        return false;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                error = $"cannot read {what} file {Printable.Quote(path)}: {FileErrors.Describe(ex, path)}";
                return false;
            }
        }
    }
}
