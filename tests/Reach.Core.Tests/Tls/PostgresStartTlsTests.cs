using System.Security.Cryptography.X509Certificates;
using Reach.Core.Tests.TestSupport;
using Reach.Tls;

namespace Reach.Core.Tests.Tls;

/// <summary>
/// PostgreSQL's SSLRequest against loopback servers answering as PostgreSQL 15 does (<c>S</c>, or <c>N</c> with
/// <c>ssl = off</c>), then a TLS handshake; and an ErrorResponse, another protocol, silence.
/// </summary>
public sealed class PostgresStartTlsTests : IDisposable
{
    /// <summary>Length 8, code 80877103 (1234, 5679): what libpq and openssl s_client -starttls postgres send.</summary>
    private static readonly byte[] SslRequest = [0x00, 0x00, 0x00, 0x08, 0x04, 0xd2, 0x16, 0x2f];

    private readonly CancellationToken ct = TestContext.Current.CancellationToken;
    private readonly X509Certificate2 leaf = TestCertificates.Leaf();
    private readonly List<IDisposable> owned = [];

    public void Dispose()
    {
        owned.ForEach(o => o.Dispose());
        leaf.Dispose();
    }

    [Fact]
    public async Task S_ThenTheHandshake_ReportsTheCertificate()
    {
        var server = Serve("S"u8.ToArray(), tlsAfter: true);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.True(report.Trusted, $"{string.Join(", ", report.Problems)} {report.Error}");
        Assert.Equal(StartTlsProtocol.Postgres, report.StartTls);
        Assert.Equal("CN=reach.test", report.Chain[0].Subject);
        await server.Finished.WaitAsync(TimeSpan.FromSeconds(5), ct);
    }

    [Fact]
    public async Task N_SaysSslIsOff()
    {
        var server = Serve("N"u8.ToArray(), tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal([TlsProblem.HandshakeFailed], report.Problems);
        Assert.Equal("STARTTLS (postgres): the PostgreSQL server does not accept SSL (ssl = off)", report.Error);
        await server.Finished.WaitAsync(TimeSpan.FromSeconds(5), ct);
    }

    [Fact]
    public async Task ErrorResponse_SaysItsMessageAndCode_Escaped()
    {
        // ErrorResponse: 'E', length, then S/V/C/M fields, each NUL-terminated, and a NUL.
        byte[] fields = [.. "SFATAL\0VFATAL\0C08P01\0Munsupported frontend protocol 1234.5679\x1b[2J\0"u8, 0];
        byte[] length = [0, 0, 0, (byte)(fields.Length + 4)];
        var server = Serve([(byte)'E', .. length, .. fields], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (postgres): the PostgreSQL server answered the SSLRequest with an error: unsupported frontend protocol 1234.5679\\x1b[2J (SQLSTATE 08P01)", report.Error);
    }

    [Fact]
    public async Task ErrorWithAnAbsurdLength_IsNotBelieved()
    {
        var server = Serve([(byte)'E', 0x7f, 0xff, 0xff, 0xff], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (postgres): not a PostgreSQL server: it answered the SSLRequest with \"E\\x7f\u00ff\u00ff\u00ff\"", report.Error);
    }

    [Fact]
    public async Task SshServer_WhoseBannerStartsWithS_IsNotTakenForAGoAhead()
    {
        var server = new PreambleServer(leaf, async (stream, token) =>
        {
            await stream.WriteAsync("SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n"u8.ToArray(), token);
            return await PreambleServer.HoldAsync(stream, token);
        });
        owned.Add(server);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (postgres): not a PostgreSQL server: it answered the SSLRequest with \"SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\"", report.Error);
    }

    [Fact]
    public async Task HttpServer_IsQuoted()
    {
        var server = Serve("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"u8.ToArray(), tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (postgres): not a PostgreSQL server: it answered the SSLRequest with \"HTTP/1.1 400 Bad Request\\r\\nContent-Length: 0\"", report.Error);
    }

    [Fact]
    public async Task Silence_EndsAtTheDeadline()
    {
        var server = Serve([], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(TimeSpan.FromMilliseconds(500)), ct);

        Assert.Equal("STARTTLS (postgres): no complete answer from the server within 500ms", report.Error);
    }

    private static TlsProbeOptions Options(TimeSpan? timeout = null) =>
        new() { StartTls = StartTlsProtocol.Postgres, ExtraTrust = [TestCertificates.Root.Value], Timeout = timeout ?? TimeSpan.FromSeconds(5) };

    /// <summary>Checks the SSLRequest byte for byte, answers <paramref name="answer"/> in one write, then TLS or a hold.</summary>
    private PreambleServer Serve(byte[] answer, bool tlsAfter)
    {
        var server = new PreambleServer(leaf, async (stream, token) =>
        {
            var request = new byte[SslRequest.Length];
            await stream.ReadExactlyAsync(request, token);
            Assert.Equal(SslRequest, request);
            await stream.WriteAsync(answer, token);
            return tlsAfter || await PreambleServer.HoldAsync(stream, token);
        });
        owned.Add(server);
        return server;
    }
}
