using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Reach.Core.Tests.TestSupport;
using Reach.Tls;

namespace Reach.Core.Tests.Tls;

/// <summary>
/// STARTTLS against loopback servers that speak each protocol's preamble (as Postfix, Dovecot and vsftpd answer it),
/// then present a certificate the tests made; and against servers that refuse, lack it, or never end a line.
/// </summary>
public sealed class StartTlsTests : IDisposable
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;
    private readonly X509Certificate2 leaf = TestCertificates.Leaf();
    private readonly List<IDisposable> owned = [];

    public void Dispose()
    {
        owned.ForEach(o => o.Dispose());
        leaf.Dispose();
    }

    public static TheoryData<StartTlsProtocol, string[]> Preambles => new()
    {
        { StartTlsProtocol.Smtp, ["220 mx.reach.test ESMTP Postfix (Debian/GNU)", "<EHLO", "250-mx.reach.test\r\n250-PIPELINING\r\n250-SIZE 10240000\r\n250-STARTTLS\r\n250 8BITMIME", "<STARTTLS", "220 2.0.0 Ready to start TLS"] },
        { StartTlsProtocol.Imap, ["* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS LOGINDISABLED] Dovecot (Debian) ready.", "<r1 STARTTLS", "r1 OK Begin TLS negotiation now."] },
        { StartTlsProtocol.Pop3, ["+OK Dovecot (Debian) ready.", "<STLS", "+OK Begin TLS negotiation now."] },
        { StartTlsProtocol.Ftp, ["220-Welcome to the reach test FTP", "220 (vsFTPd 3.0.3)", "<AUTH TLS", "234 Proceed with negotiation."] },
    };

    [Theory]
    [MemberData(nameof(Preambles))]
    public async Task Preamble_ThenTheHandshake_ReportsTheCertificate(StartTlsProtocol protocol, string[] script)
    {
        var server = Serve(script, tlsAfter: true);

        var report = await TlsProbe.ProbeAsync(server, TestCertificates.Name, Options(protocol), ct);

        Assert.True(report.Trusted, $"{string.Join(", ", report.Problems)} {report.Error}");
        Assert.Equal(protocol, report.StartTls);
        Assert.Equal("CN=reach.test", report.Chain[0].Subject);
    }

    [Fact]
    public async Task SmtpWithoutStartTlsInItsEhlo_FailsWithThatReason()
    {
        var server = Serve(["220 mx.reach.test ESMTP", "<EHLO", "250-mx.reach.test\r\n250 8BITMIME"], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server, TestCertificates.Name, Options(StartTlsProtocol.Smtp), ct);

        Assert.Equal([TlsProblem.HandshakeFailed], report.Problems);
        Assert.Equal("STARTTLS (smtp): the SMTP server does not offer STARTTLS in its EHLO reply", report.Error);
    }

    [Fact]
    public async Task SmtpRefusingStartTls_FailsWithItsAnswer()
    {
        var server = Serve(["220 mx.reach.test ESMTP", "<EHLO", "250-mx\r\n250 STARTTLS", "<STARTTLS", "454 4.7.0 TLS not available due to local problem"], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server, TestCertificates.Name, Options(StartTlsProtocol.Smtp), ct);

        Assert.Equal("STARTTLS (smtp): expected 220 to STARTTLS, the server answered: 454 4.7.0 TLS not available due to local problem", report.Error);
    }

    [Fact]
    public async Task EndlessLine_FailsAtTheLineLimit_NotAHang()
    {
        var server = Serve([new string('A', 5000)], tlsAfter: false, newline: false);

        var report = await TlsProbe.ProbeAsync(server, TestCertificates.Name, Options(StartTlsProtocol.Pop3), ct);

        Assert.Contains($"a line longer than {StartTls.MaxLine} bytes", report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongProtocol_IsSaidPlainly()
    {
        var server = Serve(["SSH-2.0-OpenSSH_9.2p1"], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server, TestCertificates.Name, Options(StartTlsProtocol.Smtp), ct);

        Assert.Equal("STARTTLS (smtp): not an SMTP or FTP reply: SSH-2.0-OpenSSH_9.2p1", report.Error);
    }

    [Theory]
    [InlineData(25, StartTlsProtocol.Smtp)]
    [InlineData(587, StartTlsProtocol.Smtp)]
    [InlineData(143, StartTlsProtocol.Imap)]
    [InlineData(110, StartTlsProtocol.Pop3)]
    [InlineData(21, StartTlsProtocol.Ftp)]
    [InlineData(389, StartTlsProtocol.Ldap)]
    [InlineData(5222, StartTlsProtocol.Xmpp)]
    [InlineData(5269, StartTlsProtocol.Xmpp)]
    [InlineData(5432, StartTlsProtocol.Postgres)]
    [InlineData(3306, StartTlsProtocol.MySql)]
    [InlineData(636, null)]
    [InlineData(5223, null)]
    [InlineData(443, null)]
    [InlineData(465, null)]
    public void ForPort_TheUsualPlainPorts(int port, StartTlsProtocol? expected)
    {
        Assert.Equal(expected, StartTls.ForPort(port));
    }

    private static TlsProbeOptions Options(StartTlsProtocol protocol) =>
        new() { StartTls = protocol, ExtraTrust = [TestCertificates.Root.Value], Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>
    /// A server that plays <paramref name="script"/> (lines to send; "&lt;WORD" waits for a client line starting with
    /// WORD), then shakes hands as TLS server when <paramref name="tlsAfter"/>.
    /// </summary>
    private IPEndPoint Serve(string[] script, bool tlsAfter, bool newline = true)
    {
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        owned.Add(listener);
        var context = SslStreamCertificateContext.Create(leaf, [TestCertificates.Intermediate.Value], offline: true);
        _ = Task.Run(async () =>
        {
            try
            {
                using var client = await listener.AcceptAsync(ct);
                await using var stream = new NetworkStream(client, ownsSocket: false);
                foreach (var step in script)
                {
                    if (step.StartsWith('<'))
                    {
                        var line = await ReadLineAsync(stream);
                        Assert.StartsWith(step[1..], line, StringComparison.Ordinal);
                        continue;
                    }

                    await stream.WriteAsync(Encoding.ASCII.GetBytes(newline ? step + "\r\n" : step), ct);
                }

                if (tlsAfter)
                {
                    await using var ssl = new SslStream(stream, leaveInnerStreamOpen: true);
                    await ssl.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificateContext = context }, ct);
                    _ = await ssl.ReadAsync(new byte[1], ct);
                }
                else
                {
                    _ = await stream.ReadAsync(new byte[1], ct);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException or System.Security.Authentication.AuthenticationException)
            {
            }
        });
        return (IPEndPoint)listener.LocalEndPoint!;
    }

    private async Task<string> ReadLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one, ct) == 1 && one[0] != '\n')
        {
            line.Append((char)one[0]);
        }

        return line.ToString().TrimEnd('\r');
    }
}
