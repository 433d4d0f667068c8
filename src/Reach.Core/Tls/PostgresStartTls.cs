using System.Buffers.Binary;

namespace Reach.Tls;

/// <summary>
/// PostgreSQL's upgrade (protocol §55.2.10, "SSL Session Encryption"): the client sends an SSLRequest, the server
/// answers one byte, <c>S</c> (go ahead) or <c>N</c> (no SSL). A server from before SSL, or a pooler in front of one,
/// may answer with an ErrorResponse instead. Only that one byte is read on the way to TLS: whatever else the server
/// sent before the handshake (a man in the middle's injected bytes, CVE-2021-23214) makes the handshake fail.
/// </summary>
internal static class PostgresStartTls
{
    /// <summary>The SSLRequest's code: 1234 in the high 16 bits, 5679 in the low.</summary>
    public const int SslRequestCode = 80877103;

    /// <summary>The longest ErrorResponse read (a real one is a few hundred bytes).</summary>
    public const int MaxError = 4096;

    public static async Task NegotiateAsync(Stream stream, CancellationToken cancellationToken)
    {
        var request = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(request, 8); // the length counts itself
        BinaryPrimitives.WriteInt32BigEndian(request.AsSpan(4), SslRequestCode);
        await stream.WriteAsync(request, cancellationToken).ConfigureAwait(false);

        var answer = new byte[1];
        await StartTlsIo.ReadExactlyAsync(stream, answer, "answering the SSLRequest", cancellationToken).ConfigureAwait(false);
        switch (answer[0])
        {
            case (byte)'S':
                // A PostgreSQL server says nothing more until the ClientHello; an SSH server's banner also begins with
                // 'S' and arrives whole, so bytes already waiting mean another protocol, not a go-ahead.
                if (stream is System.Net.Sockets.NetworkStream { DataAvailable: true })
                {
                    throw new StartTlsException($"not a PostgreSQL server: it answered the SSLRequest with {await StartTlsIo.QuoteAsync(stream, answer, cancellationToken).ConfigureAwait(false)}");
                }

                return;
            case (byte)'N':
                throw new StartTlsException("the PostgreSQL server does not accept SSL (ssl = off)");
            case (byte)'E':
                throw new StartTlsException($"the PostgreSQL server answered the SSLRequest with an error: {await ReadErrorAsync(stream, cancellationToken).ConfigureAwait(false)}");
            default:
                throw new StartTlsException($"not a PostgreSQL server: it answered the SSLRequest with {await StartTlsIo.QuoteAsync(stream, answer, cancellationToken).ConfigureAwait(false)}");
        }
    }

    /// <summary>
    /// An ErrorResponse's SQLSTATE and message (fields: a type byte, then a NUL-terminated string; a NUL ends them).
    /// It comes before any authentication, so it is shown as what the server said, never acted on.
    /// </summary>
    private static async Task<string> ReadErrorAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        await StartTlsIo.ReadExactlyAsync(stream, header, "its error message", cancellationToken).ConfigureAwait(false);
        var length = BinaryPrimitives.ReadInt32BigEndian(header);
        if (length is < 5 or > MaxError)
        {
            throw new StartTlsException($"not a PostgreSQL server: it answered the SSLRequest with {await StartTlsIo.QuoteAsync(stream, new byte[] { (byte)'E', header[0], header[1], header[2], header[3] }, cancellationToken).ConfigureAwait(false)}");
        }

        var body = new byte[length - 4];
        await StartTlsIo.ReadExactlyAsync(stream, body, "its error message", cancellationToken).ConfigureAwait(false);
        string? code = null, message = null;
        var fields = body.AsSpan();
        while (fields.Length > 1 && fields[0] != 0)
        {
            var end = fields[1..].IndexOf((byte)0);
            if (end < 0)
            {
                break;
            }

            var value = fields.Slice(1, end);
            if (fields[0] == (byte)'C')
            {
                code = StartTlsIo.Message(value);
            }
            else if (fields[0] == (byte)'M')
            {
                message = StartTlsIo.Message(value);
            }

            fields = fields[(end + 2)..];
        }

        return message is null ? "(no message)" : code is null ? message : $"{message} (SQLSTATE {code})";
    }
}
