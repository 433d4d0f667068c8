using System.Net.Sockets;
using System.Text;

namespace Reach.Tls;

/// <summary>The reads and writes every preamble shares: exact, bounded, and a closed connection said in words.</summary>
internal static class StartTlsIo
{
    /// <summary>The most bytes of an unexpected answer quoted in a reason.</summary>
    public const int MaxQuoted = 64;

    public static async Task SendAsync(Stream stream, string command, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command), cancellationToken).ConfigureAwait(false);

    /// <summary>Fills <paramref name="buffer"/> exactly: never a byte past it, so the TLS handshake's bytes stay unread.</summary>
    /// <exception cref="StartTlsException">The server closed the connection first.</exception>
    public static async Task ReadExactlyAsync(Stream stream, Memory<byte> buffer, string what, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer[read..], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                throw new StartTlsException(read == 0
                    ? $"the server closed the connection before {what}"
                    : $"the server closed the connection in the middle of {what}");
            }

            read += n;
        }
    }

    /// <summary>
    /// The bytes that came instead of the protocol's answer, with whatever else has already arrived (at most
    /// <see cref="MaxQuoted"/> bytes; nothing is waited for), as one printable quote: another protocol shows its name
    /// (<c>SSH-2.0-OpenSSH_9.2p1</c>, <c>HTTP/1.1 400</c>).
    /// </summary>
    public static async Task<string> QuoteAsync(Stream stream, ReadOnlyMemory<byte> first, CancellationToken cancellationToken)
    {
        var bytes = new byte[MaxQuoted];
        var length = Math.Min(first.Length, MaxQuoted);
        first[..length].CopyTo(bytes);
        while (length < MaxQuoted && stream is NetworkStream { DataAvailable: true })
        {
            var n = await stream.ReadAsync(bytes.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            length += n;
        }

        return Quote(bytes.AsSpan(0, length));
    }

    /// <summary>Bytes as one printable line in quotes, control characters escaped, cut at <see cref="MaxQuoted"/>.</summary>
    public static string Quote(ReadOnlySpan<byte> bytes) =>
        $"\"{Text.Printable.OneLine(Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, MaxQuoted)]).TrimEnd('\r', '\n'))}{(bytes.Length > MaxQuoted ? "…" : string.Empty)}\"";

    /// <summary>A message the server wrote (UTF-8, else Latin-1), as one printable line of at most 200 characters.</summary>
    public static string Message(ReadOnlySpan<byte> bytes) =>
        Text.Printable.OneLine(System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes), 200);
}
