using System.Text;

namespace Reach.Tls;

/// <summary>
/// The plain-text preamble that turns a mail or file service's connection into TLS, as <c>openssl s_client
/// -starttls PROTO</c> does: read the greeting, ask for TLS, read the go-ahead. Each reply line is bounded (1 KiB) and
/// so is their number: a server that never ends a reply fails with a reason, it does not hold reach.
/// </summary>
public static class StartTls
{
    /// <summary>The longest reply line read (RFC 5321 allows 512 octets; a little more is tolerated).</summary>
    public const int MaxLine = 1024;

    /// <summary>The most lines one reply may have (an EHLO answer lists a few dozen extensions at most).</summary>
    public const int MaxLines = 100;

    /// <summary>The port's usual upgrade, if it has one.</summary>
    public static StartTlsProtocol? ForPort(int port) => port switch
    {
        25 or 587 => StartTlsProtocol.Smtp,
        143 => StartTlsProtocol.Imap,
        110 => StartTlsProtocol.Pop3,
        21 => StartTlsProtocol.Ftp,
        _ => null,
    };

    /// <summary>Runs the preamble; on return the next bytes are the TLS handshake's.</summary>
    /// <exception cref="StartTlsException">The server did not greet, does not offer TLS, or refused it (one line).</exception>
    public static async Task NegotiateAsync(Stream stream, StartTlsProtocol protocol, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new ReplyReader(stream);
        switch (protocol)
        {
            case StartTlsProtocol.Smtp:
                Expect(await reader.ReadSmtpReplyAsync(cancellationToken).ConfigureAwait(false), "220", "greeting");
                await SendAsync(stream, "EHLO reach.invalid\r\n", cancellationToken).ConfigureAwait(false);
                var ehlo = await reader.ReadSmtpReplyAsync(cancellationToken).ConfigureAwait(false);
                Expect(ehlo, "250", "EHLO");
                if (!ehlo.Lines.Any(l => l.Length > 4 && l[4..].Trim().Equals("STARTTLS", StringComparison.OrdinalIgnoreCase)))
                {
                    throw new StartTlsException("the SMTP server does not offer STARTTLS in its EHLO reply");
                }

                await SendAsync(stream, "STARTTLS\r\n", cancellationToken).ConfigureAwait(false);
                Expect(await reader.ReadSmtpReplyAsync(cancellationToken).ConfigureAwait(false), "220", "STARTTLS");
                break;
            case StartTlsProtocol.Ftp:
                Expect(await reader.ReadSmtpReplyAsync(cancellationToken).ConfigureAwait(false), "220", "greeting");
                await SendAsync(stream, "AUTH TLS\r\n", cancellationToken).ConfigureAwait(false);
                Expect(await reader.ReadSmtpReplyAsync(cancellationToken).ConfigureAwait(false), "234", "AUTH TLS");
                break;
            case StartTlsProtocol.Pop3:
                ExpectStart(await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false), "+OK", "greeting");
                await SendAsync(stream, "STLS\r\n", cancellationToken).ConfigureAwait(false);
                ExpectStart(await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false), "+OK", "STLS");
                break;
            case StartTlsProtocol.Imap:
                ExpectStart(await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false), "* OK", "greeting");
                await SendAsync(stream, "r1 STARTTLS\r\n", cancellationToken).ConfigureAwait(false);
                string line;
                var lines = 0;
                do
                {
                    line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                    if (++lines > MaxLines)
                    {
                        throw new StartTlsException($"the IMAP server sent more than {MaxLines} lines without answering STARTTLS");
                    }
                }
                while (line.StartsWith('*'));
                ExpectStart(line, "r1 OK", "STARTTLS");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "not a STARTTLS protocol");
        }
    }

    private static async Task SendAsync(Stream stream, string command, CancellationToken cancellationToken) =>
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command), cancellationToken).ConfigureAwait(false);

    private static void Expect(SmtpReply reply, string code, string step)
    {
        if (reply.Code != code)
        {
            throw new StartTlsException($"expected {code} to {step}, the server answered: {Text.Printable.OneLine(reply.Lines[^1], 200)}");
        }
    }

    private static void ExpectStart(string line, string start, string step)
    {
        if (!line.StartsWith(start, StringComparison.OrdinalIgnoreCase))
        {
            throw new StartTlsException($"expected {start} to {step}, the server answered: {Text.Printable.OneLine(line, 200)}");
        }
    }

    private sealed record SmtpReply(string Code, IReadOnlyList<string> Lines);

    /// <summary>Reads CRLF lines one byte at a time, so not a byte of the TLS handshake that follows is taken.</summary>
    private sealed class ReplyReader(Stream stream)
    {
        private readonly byte[] _one = new byte[1];

        public async Task<string> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new List<byte>(128);
            while (true)
            {
                if (await stream.ReadAsync(_one, cancellationToken).ConfigureAwait(false) == 0)
                {
                    throw new StartTlsException(line.Count == 0
                        ? "the server closed the connection before answering"
                        : $"the server closed the connection mid-line: {Text.Printable.OneLine(Encoding.Latin1.GetString([.. line]), 200)}");
                }

                if (_one[0] == (byte)'\n')
                {
                    return Encoding.Latin1.GetString([.. line]).TrimEnd('\r');
                }

                if (line.Count == MaxLine)
                {
                    throw new StartTlsException($"the server sent a line longer than {MaxLine} bytes: not the protocol asked for?");
                }

                line.Add(_one[0]);
            }
        }

        /// <summary>An SMTP/FTP reply: lines <c>250-…</c> until one <c>250 …</c> (RFC 5321 §4.2.1).</summary>
        public async Task<SmtpReply> ReadSmtpReplyAsync(CancellationToken cancellationToken)
        {
            var lines = new List<string>();
            while (lines.Count < MaxLines)
            {
                var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
                lines.Add(line);
                if (line.Length < 3 || !line[..3].All(char.IsAsciiDigit))
                {
                    throw new StartTlsException($"not an SMTP or FTP reply: {Text.Printable.OneLine(line, 200)}");
                }

                if (line.Length == 3 || line[3] == ' ')
                {
                    return new SmtpReply(line[..3], lines);
                }
            }

            throw new StartTlsException($"the server's reply ran past {MaxLines} lines");
        }
    }
}
