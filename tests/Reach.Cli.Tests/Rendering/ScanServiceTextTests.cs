using Reach.Cli.Rendering.Scan;
using Reach.Identification;
using Reach.Tls;

namespace Reach.Cli.Tests.Rendering;

/// <summary>The words of <c>scan --service</c>'s service column and answer, shared by the table and grepable formats.</summary>
public class ScanServiceTextTests
{
    private static ServiceIdentification Answered(int port, ServiceProtocol? protocol, string? text = "text", TlsReport? tls = null) =>
        new(protocol is null ? ServiceBanner.Silent : new ServiceBanner(protocol, text, 4, true), ExpectedService.ForPort(port), tls);

    [Fact]
    public void AMismatch_IsMarked_AndSaidAfterTheAnswer()
    {
        var ssh = Answered(443, ServiceProtocol.Ssh, "SSH-2.0-OpenSSH_9.2p1");

        Assert.Equal("ssh!", ScanServiceText.Name(443, ssh));
        Assert.Equal("SSH-2.0-OpenSSH_9.2p1  [port 443 answers SSH, not HTTPS]", ScanServiceText.Detail(443, ssh));
        Assert.True(ScanServiceText.Warns(ssh));
    }

    [Theory]
    [InlineData(22, ServiceProtocol.Ssh, "ssh")]
    [InlineData(8080, ServiceProtocol.Http, "http")]
    [InlineData(80, null, "http?")] // nothing known answered: the port's IANA name, marked as a guess
    [InlineData(80, ServiceProtocol.Unknown, "http?")]
    [InlineData(47999, null, "unknown")]
    public void TheServiceColumn_IsWhatAnswered_OrAMarkedGuess(int port, ServiceProtocol? answered, string expected)
    {
        Assert.Equal(expected, ScanServiceText.Name(port, Answered(port, answered)));
    }

    [Fact]
    public void WithoutService_TheColumnIsTheIanaName()
    {
        Assert.Equal("https", ScanServiceText.Name(443, null));
    }

    [Fact]
    public void Tls_SaysSubjectExpiryDaysAndTrust_OrWhyNoHandshake()
    {
        var leaf = new CertificateInfo("CN=web01.test", [], 0, "CN=Old CA", DateTimeOffset.Parse("2026-01-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse("2026-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "RSA", 2048, "sha256RSA", "00");
        var expired = new TlsReport("web01.test", "TLSv1.2", null, null, [leaf], [TlsProblem.Expired, TlsProblem.UnknownIssuer], -3, null, TimeSpan.Zero);
        var failed = new TlsReport("web01.test", null, null, null, [], [TlsProblem.HandshakeFailed], null, "the server reset the connection", TimeSpan.Zero);

        Assert.Equal("TLS TLSv1.2  CN=web01.test  until 2026-03-01 (expired 3 days ago)  not trusted (expired, unknown-issuer)", ScanServiceText.Tls(expired));
        Assert.Equal("TLS no handshake: the server reset the connection", ScanServiceText.Tls(failed));
    }

    [Fact]
    public void Tls_WithInsecure_NamesTheProblems_AsAllowed_AndOnlyAFailedHandshakeFails()
    {
        var leaf = new CertificateInfo("CN=web01.test", [], 0, "CN=web01.test", DateTimeOffset.UnixEpoch,
            DateTimeOffset.Parse("2026-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture), "RSA", 2048, "sha256RSA", "00");
        var selfSigned = new TlsReport("web01.test", "TLSv1.3", null, null, [leaf], [TlsProblem.SelfSigned], 40, null, TimeSpan.Zero);
        var trusted = selfSigned with { Problems = [] };
        var failed = new TlsReport("web01.test", null, null, null, [], [TlsProblem.HandshakeFailed], null, "the server reset the connection", TimeSpan.Zero);

        Assert.Equal("TLS TLSv1.3  CN=web01.test  until 2026-03-01 (40 days left)  not trusted (self-signed), allowed by --insecure", ScanServiceText.Tls(selfSigned, insecure: true));
        Assert.Equal("TLS TLSv1.3  CN=web01.test  until 2026-03-01 (40 days left)  not trusted (self-signed)", ScanServiceText.Tls(selfSigned));
        Assert.True(ScanServiceText.TlsFails(selfSigned, insecure: false));
        Assert.False(ScanServiceText.TlsFails(selfSigned, insecure: true));
        Assert.False(ScanServiceText.TlsFails(trusted, insecure: false));
        Assert.True(ScanServiceText.TlsFails(failed, insecure: true)); // no handshake is no certificate to allow
    }

    [Fact]
    public void AnInterruptedPort_SaysSo()
    {
        var left = ServiceIdentification.NotFinished(22);

        Assert.Equal("ssh?", ScanServiceText.Name(22, left));
        Assert.Equal("not identified: the scan was interrupted first", ScanServiceText.Detail(22, left));
    }
}
