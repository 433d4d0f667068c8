using System.Security.Cryptography.X509Certificates;
using Reach.Core.Tests.TestSupport;
using Reach.Tls;

namespace Reach.Core.Tests.Tls;

/// <summary>
/// MySQL's SSLRequest after the server's protocol-10 handshake, against loopback servers greeting as MySQL 8.0 and
/// MariaDB 10.11 do, then a TLS handshake; and a server without SSL, an error packet, another protocol, an absurd
/// length, a greeting that never ends.
/// </summary>
public sealed class MySqlStartTlsTests : IDisposable
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;
    private readonly X509Certificate2 leaf = TestCertificates.Leaf();
    private readonly List<IDisposable> owned = [];

    public void Dispose()
    {
        owned.ForEach(o => o.Dispose());
        leaf.Dispose();
    }

    [Fact]
    public async Task Handshake_WithSsl_ThenTheHandshake_ReportsTheCertificate()
    {
        byte[]? sent = null;
        var server = Serve(Greeting("8.0.36", capabilities: 0xffff), tlsAfter: true, request => sent = request);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.True(report.Trusted, $"{string.Join(", ", report.Problems)} {report.Error}");
        Assert.Equal(StartTlsProtocol.MySql, report.StartTls);
        await server.Finished.WaitAsync(TimeSpan.FromSeconds(5), ct);

        // The SSLRequest: 32 bytes, sequence 1; CLIENT_LONG_PASSWORD | PROTOCOL_41 | SSL | SECURE_CONNECTION,
        // max packet 16 MiB, utf8_general_ci, 23 zeros.
        Assert.Equal([0x20, 0x00, 0x00, 0x01, 0x01, 0x8a, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 33, .. new byte[23]], sent);
    }

    [Fact]
    public async Task Handshake_WithoutSsl_SaysSo()
    {
        // MariaDB with ssl off: CLIENT_SSL (0x0800) cleared from the lower flags.
        var server = Serve(Greeting("5.5.5-10.11.6-MariaDB-0+deb12u1", capabilities: 0xf7fe), tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal([TlsProblem.HandshakeFailed], report.Problems);
        Assert.Equal("STARTTLS (mysql): the MySQL server does not offer SSL (5.5.5-10.11.6-MariaDB-0+deb12u1)", report.Error);
    }

    [Fact]
    public async Task ErrorPacket_SaysItsCodeAndMessage_Escaped()
    {
        // A host the server does not let in: ERROR 1130 instead of a handshake.
        byte[] payload = [0xff, 0x6a, 0x04, .. "Host '10.9.8.7' is not allowed to connect to this MySQL server\x1b]0;x\a"u8];
        var server = Serve([(byte)payload.Length, 0, 0, 0, .. payload], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (mysql): the MySQL server refused the connection: ERROR 1130: Host '10.9.8.7' is not allowed to connect to this MySQL server\\x1b]0;x\\x07", report.Error);
    }

    [Fact]
    public async Task AnotherProtocol_IsQuoted()
    {
        var server = Serve("SSH-2.0-OpenSSH_9.2p1\r\n"u8.ToArray(), tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (mysql): not a MySQL server: it greeted with \"SSH-2.0-OpenSSH_9.2p1\"", report.Error);
    }

    [Fact]
    public async Task AnotherProtocolVersion_IsQuoted()
    {
        byte[] payload = [9, .. "4.0.0\0"u8];
        var server = Serve([(byte)payload.Length, 0, 0, 0, .. payload], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (mysql): not a MySQL protocol-10 handshake: \"\\t4.0.0\\x00\"", report.Error);
    }

    [Fact]
    public async Task OversizedLength_IsRefused_NotAllocated()
    {
        var server = Serve([0xff, 0xff, 0xff, 0x00, 0x0a], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (mysql): the server announced a 16777215-byte MySQL handshake, more than reach reads (65536): not a MySQL server?", report.Error);
    }

    [Fact]
    public async Task UnfinishedHandshake_EndsAtTheDeadline()
    {
        var greeting = Greeting("8.0.36", capabilities: 0xffff);
        var server = Serve(greeting[..20], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(TimeSpan.FromMilliseconds(500)), ct);

        Assert.Equal("STARTTLS (mysql): no complete answer from the server within 500ms", report.Error);
    }

    [Fact]
    public async Task TruncatedHandshake_IsNotAHandshake()
    {
        byte[] payload = [10, .. "8.0.36\0"u8, 1, 0, 0, 0];
        var server = Serve([(byte)payload.Length, 0, 0, 0, .. payload], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.StartsWith("STARTTLS (mysql): not a MySQL protocol-10 handshake: \"\\n8.0.36\\x00\\x01", report.Error, StringComparison.Ordinal);
    }

    private static TlsProbeOptions Options(TimeSpan? timeout = null) =>
        new() { StartTls = StartTlsProtocol.MySql, ExtraTrust = [TestCertificates.Root.Value], Timeout = timeout ?? TimeSpan.FromSeconds(5) };

    /// <summary>
    /// A protocol-10 handshake packet as MySQL 8.0 sends it: version, thread id, auth data part 1, filler, the lower
    /// capability flags, charset 255, status 2, upper flags, auth data length 21, 10 reserved, part 2, plugin name.
    /// </summary>
    private static byte[] Greeting(string version, ushort capabilities)
    {
        byte[] payload =
        [
            10, .. System.Text.Encoding.ASCII.GetBytes(version), 0,
            0x0b, 0x00, 0x00, 0x00,
            .. "4f;Q(w1c"u8, 0x00,
            (byte)capabilities, (byte)(capabilities >> 8),
            0xff, 0x02, 0x00, 0xff, 0xdf, 21, .. new byte[10],
            .. "H\"x@5n/k9%gP"u8, 0x00,
            .. "caching_sha2_password\0"u8,
        ];
        return [(byte)payload.Length, 0, 0, 0, .. payload];
    }

    /// <summary>Greets with <paramref name="greeting"/>; when <paramref name="tlsAfter"/>, reads the 36-byte SSLRequest, then TLS.</summary>
    private PreambleServer Serve(byte[] greeting, bool tlsAfter, Action<byte[]>? received = null)
    {
        var server = new PreambleServer(leaf, async (stream, token) =>
        {
            await stream.WriteAsync(greeting, token);
            if (!tlsAfter)
            {
                return await PreambleServer.HoldAsync(stream, token);
            }

            var request = new byte[36];
            await stream.ReadExactlyAsync(request, token);
            received?.Invoke(request);
            return true;
        });
        owned.Add(server);
        return server;
    }
}
