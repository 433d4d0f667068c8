using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Reach.Core.Tests.TestSupport;
using Reach.Tls;

namespace Reach.Core.Tests.Tls;

/// <summary>
/// LDAP's StartTLS extended operation against loopback servers answering as OpenLDAP's slapd does (bytes as
/// <c>tcpdump -X</c> shows them), then a TLS handshake; and servers that refuse, lack it, speak another protocol,
/// stall, or announce an absurd length.
/// </summary>
public sealed class LdapStartTlsTests : IDisposable
{
    /// <summary>What openssl s_client -starttls ldap and ldapsearch -ZZ send: messageID 1, ExtendedRequest 1.3.6.1.4.1.1466.20037.</summary>
    private static readonly byte[] Request = [0x30, 0x1d, 0x02, 0x01, 0x01, 0x77, 0x18, 0x80, 0x16, .. "1.3.6.1.4.1.1466.20037"u8];

    private readonly CancellationToken ct = TestContext.Current.CancellationToken;
    private readonly X509Certificate2 leaf = TestCertificates.Leaf();
    private readonly List<IDisposable> owned = [];

    public void Dispose()
    {
        owned.ForEach(o => o.Dispose());
        leaf.Dispose();
    }

    [Fact]
    public async Task Success_ThenTheHandshake_ReportsTheCertificate()
    {
        // slapd's answer: messageID 1, ExtendedResponse { success, "", "", responseName 1.3.6.1.4.1.1466.20037 }
        var server = Serve([0x30, 0x24, 0x02, 0x01, 0x01, 0x78, 0x1f, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00, 0x8a, 0x16, .. "1.3.6.1.4.1.1466.20037"u8], tlsAfter: true);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.True(report.Trusted, $"{string.Join(", ", report.Problems)} {report.Error}");
        Assert.Equal(StartTlsProtocol.Ldap, report.StartTls);
        Assert.Equal("CN=reach.test", report.Chain[0].Subject);
        await server.Finished.WaitAsync(TimeSpan.FromSeconds(5), ct);
    }

    [Fact]
    public async Task ServerWithoutTls_SaysItsResultCodeAndMessage()
    {
        // slapd without TLS configured: unavailable (52), "Could not initialize TLS".
        var server = Serve([0x30, 0x26, 0x02, 0x01, 0x01, 0x78, 0x21, 0x0a, 0x01, 0x34, 0x04, 0x00, 0x04, 0x18, .. "Could not initialize TLS"u8, 0x8a, 0x00], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal([TlsProblem.HandshakeFailed], report.Problems);
        Assert.Equal("STARTTLS (ldap): the LDAP server refused StartTLS: unavailable (52): Could not initialize TLS", report.Error);
    }

    [Fact]
    public async Task ServerWithoutTheOperation_SaysProtocolError_AndEscapesTheMessage()
    {
        var server = Serve([0x30, 0x26, 0x02, 0x01, 0x01, 0x78, 0x21, 0x0a, 0x01, 0x02, 0x04, 0x00, 0x04, 0x1a, .. "unsupported\x1b[31m\noperation"u8], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (ldap): the LDAP server refused StartTLS: protocolError (2): unsupported\\x1b[31m\\noperation", report.Error);
    }

    [Fact]
    public async Task AnotherProtocol_IsQuoted()
    {
        var server = Serve("SSH-2.0-OpenSSH_9.2p1\r\n"u8.ToArray(), tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (ldap): not an LDAP server: it answered the StartTLS request with \"SSH-2.0-OpenSSH_9.2p1\"", report.Error);
    }

    [Fact]
    public async Task AnotherOperation_IsNamed()
    {
        // A BindResponse ([APPLICATION 1]) where the ExtendedResponse belongs.
        var server = Serve([0x30, 0x0c, 0x02, 0x01, 0x01, 0x61, 0x07, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal("STARTTLS (ldap): the LDAP server answered with another operation ([APPLICATION 1]), not an ExtendedResponse", report.Error);
    }

    [Fact]
    public async Task OversizedLength_IsRefused_NotAllocated()
    {
        var server = Serve([0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x01], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.Equal($"STARTTLS (ldap): the LDAP server announced a 2147483647-byte answer, more than reach reads ({LdapStartTls.MaxMessage})", report.Error);
    }

    [Fact]
    public async Task UnfinishedAnswer_EndsAtTheDeadline()
    {
        var server = Serve([0x30, 0x0c, 0x02, 0x01], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(TimeSpan.FromMilliseconds(500)), ct);

        Assert.Equal("STARTTLS (ldap): no complete answer from the server within 500ms", report.Error);
    }

    [Fact]
    public async Task MalformedAnswer_IsSaid()
    {
        // The ExtendedResponse claims more bytes than its message holds.
        var server = Serve([0x30, 0x07, 0x02, 0x01, 0x01, 0x78, 0x7f, 0x0a, 0x01], tlsAfter: false);

        var report = await TlsProbe.ProbeAsync(server.EndPoint, TestCertificates.Name, Options(), ct);

        Assert.StartsWith("STARTTLS (ldap): a malformed LDAP answer: ", report.Error, StringComparison.Ordinal);
    }

    private static TlsProbeOptions Options(TimeSpan? timeout = null) =>
        new() { StartTls = StartTlsProtocol.Ldap, ExtraTrust = [TestCertificates.Root.Value], Timeout = timeout ?? TimeSpan.FromSeconds(5) };

    /// <summary>Checks the request is openssl's, byte for byte, answers <paramref name="answer"/>, then TLS or a hold.</summary>
    private PreambleServer Serve(byte[] answer, bool tlsAfter)
    {
        var server = new PreambleServer(leaf, async (stream, token) =>
        {
            if (answer[0] != 0x30)
            {
                await stream.WriteAsync(answer, token); // another protocol speaks first
                return await PreambleServer.HoldAsync(stream, token);
            }

            var request = new byte[Request.Length];
            await stream.ReadExactlyAsync(request, token);
            Assert.Equal(Request, request);
            await stream.WriteAsync(answer, token);
            return tlsAfter || await PreambleServer.HoldAsync(stream, token);
        });
        owned.Add(server);
        return server;
    }
}
