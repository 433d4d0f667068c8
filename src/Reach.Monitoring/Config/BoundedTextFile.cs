using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Reach.Monitoring.Config;

/// <summary>
/// Reads reach.yaml and its targets files with limits, in chunks: a path that names no text file (<c>/dev/zero</c>,
/// <c>/dev/urandom</c>, a log that grew by mistake) is refused after at most <see cref="MaxBytes"/> read, instead of
/// filling memory at the speed of the disk, at start and at every reload. Errors are sentences naming the file and
/// the limit; a cancelled read (Ctrl+C, the service stopping) stops between chunks.
/// </summary>
internal static class BoundedTextFile
{
    /// <summary>The largest reach.yaml or targets file: 100,000 targets (the most one configuration may expand to)
    /// fit in a few MiB even with comments.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>The longest line of a targets file: a host name is at most 253 characters; the rest is room for a comment.</summary>
    public const int MaxLineLength = 4096;

    private const int ChunkSize = 64 * 1024;

    /// <summary>The whole file as text, or why not (<c>larger than 16 MiB</c>, <c>no such file</c>).</summary>
    public static bool TryReadText(string path, CancellationToken cancellationToken, [NotNullWhen(true)] out string? text, [NotNullWhen(false)] out string? error)
    {
        var builder = new StringBuilder();
        error = Read(path, chars =>
        {
            builder.Append(chars);
            return null;
        }, cancellationToken);
        text = error is null ? builder.ToString() : null;
        return error is null;
    }

    /// <summary>The file's lines (without their line ends), or why not; a line over <see cref="MaxLineLength"/> is named by its number.</summary>
    public static bool TryReadLines(string path, CancellationToken cancellationToken, [NotNullWhen(true)] out List<string>? lines, [NotNullWhen(false)] out string? error)
    {
        var list = new List<string>();
        var line = new StringBuilder();
        error = Read(path, chars =>
        {
            foreach (var c in chars)
            {
                if (c == '\n')
                {
                    list.Add(EndLine(line));
                }
                else if (line.Append(c).Length > MaxLineLength)
                {
                    return $"line {list.Count + 1} is longer than {MaxLineLength} characters (is it a text file with one target per line?)";
                }
            }

            return null;
        }, cancellationToken);

        if (error is not null)
        {
            lines = null;
            return false;
        }

        if (line.Length > 0)
        {
            list.Add(EndLine(line));
        }

        lines = list;
        return true;
    }

    private static string EndLine(StringBuilder line)
    {
        var length = line.Length > 0 && line[^1] == '\r' ? line.Length - 1 : line.Length;
        var text = line.ToString(0, length);
        line.Clear();
        return text;
    }

    /// <summary>Decodes the file chunk by chunk into <paramref name="consume"/>; the first problem (its own or the consumer's), or null.</summary>
    private static string? Read(string path, ChunkConsumer consume, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
            var encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            var decoder = encoding.GetDecoder();
            var bytes = new byte[ChunkSize];
            var chars = new char[encoding.GetMaxCharCount(ChunkSize)];
            long total = 0;
            var start = true;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = stream.Read(bytes, 0, bytes.Length);
                total += read;
                if (total > MaxBytes)
                {
                    return $"larger than {MaxBytes / (1024 * 1024)} MiB, the most reach reads (is it a text file?)";
                }

                var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: read == 0);
                var span = chars.AsSpan(0, count);
                if (start && count > 0)
                {
                    start = false;
                    span = span[0] == '\uFEFF' ? span[1..] : span; // the byte order mark some Windows editors write
                }

                if (consume(span) is { } problem)
                {
                    return problem;
                }

                if (read == 0)
                {
                    return null;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Reach.Text.FileErrors.Describe(ex);
        }
    }

    private delegate string? ChunkConsumer(ReadOnlySpan<char> chars);
}
