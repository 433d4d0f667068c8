using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Reach.Monitoring.Config;

/// <summary>
/// Reads reach.yaml with a limit, in chunks (its targets files go through <see cref="Reach.Text.ListFile"/>, as `-i` files do): a path that names no text file (<c>/dev/zero</c>,
/// <c>/dev/urandom</c>, a log that grew by mistake) is refused after at most <see cref="MaxBytes"/> read, instead of
/// filling memory at the speed of the disk, at start and at every reload. Errors are sentences naming the file and
/// the limit; a cancelled read (Ctrl+C, the service stopping) stops between chunks.
/// </summary>
internal static class BoundedTextFile
{
    /// <summary>The largest reach.yaml: 100,000 targets (the most one configuration may expand to) fit in a few MiB
    /// even with comments.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

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
