using System.Text;

namespace Reach.Tls;

/// <summary>
/// The line-based upgrades: SMTP's EHLO and STARTTLS, IMAP's STARTTLS, POP3's STLS, FTP's AUTH TLS. Each reply line is
/// bounded (<see cref="StartTls.MaxLine"/>) and so is their number (<see cref="StartTls.MaxLines"/>).
/// </summary>
internal static class LineStartTls
{
    public static async Task NegotiateAsync(Stream stream, StartTlsProtocol protocol, CancellationToken cancellationToken)
    {
        var reader = new ReplyReader(stream);
        switch (protocol)
        {
            case StartTlsProtocol.Smtp:
                Expect(await reader.ReadSmtpReplyAsync(cancellationToken).ConfigureAwait(false), "220", "greeting");
                await StartTlsIo.SendAsync(stream, "EHLO reach.invalid\r\n", cancellationToken).ConfigureAwait(false);
                var ehlo = await reader.ReadSmtpReplyAsync(cancellationToken).ConfigureAwait(false);
                Expect(ehlo, "250", "EHLO");
                if (!ehlo.Lines.Any(l => l.Length > 4 && l[4..].Trim().Equals("STARTTLS", StringComparison.OrdinalIgnoreCase)))
                {
                    throw new StartTlsException("the SMTP server does not offer STARTTLS in its EHLO reply");
                }

                await StartTlsIo.SendAsync(stream, "STARTTLS\r\n", cancellationToken).ConfigureAwait(false);
                Expect(await reader.ReadSmtpReplyAsync(cancellationToken).ConfigureAwait(false), "220", "STARTTLS");
                break;
            case StartTlsProtocol.Ftp:
                Expect(await reader.ReadSmtpReplyAsync(cancellationToken).ConfigureAwait(false), "220", "greeting");
                await StartTlsIo.SendAsync(stream, "AUTH TLS\r\n", cancellationToken).ConfigureAwait(false);
                Expect(await reader.ReadSmtpReplyAsync(cancellationToken).ConfigureAwait(false), "234", "AUTH TLS");
                break;
            case StartTlsProtocol.Pop3:
                ExpectStart(await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false), "+OK", "greeting");
                await StartTlsIo.SendAsync(stream, "STLS\r\n", cancellationToken).ConfigureAwait(false);
                ExpectStart(await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false), "+OK", "STLS");
                break;
            case StartTlsProtocol.Imap:
                ExpectStart(await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false), "* OK", "greeting");
                await StartTlsIo.SendAsync(stream, "r1 STARTTLS\r\n", cancellationToken).ConfigureAwait(false);
                string line;
                var lines = 0;
                do
                {
                    line = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                    if (++lines > StartTls.MaxLines)
                    {
                        throw new StartTlsException($"the IMAP server sent more than {StartTls.MaxLines} lines without answering STARTTLS");
                    }
                }
                while (line.StartsWith('*'));
                ExpectStart(line, "r1 OK", "STARTTLS");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(protocol), protocol, "not a STARTTLS protocol");
        }
    }

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

                if (line.Count == StartTls.MaxLine)
                {
                    throw new StartTlsException($"the server sent a line longer than {StartTls.MaxLine} bytes: not the protocol asked for?");
                }

                line.Add(_one[0]);
            }
        }

        /// <summary>An SMTP/FTP reply: lines <c>250-…</c> until one <c>250 …</c> (RFC 5321 §4.2.1).</summary>
        public async Task<SmtpReply> ReadSmtpReplyAsync(CancellationToken cancellationToken)
        {
            var lines = new List<string>();
            while (lines.Count < StartTls.MaxLines)
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

            throw new StartTlsException($"the server's reply ran past {StartTls.MaxLines} lines");
        }
    }
}
