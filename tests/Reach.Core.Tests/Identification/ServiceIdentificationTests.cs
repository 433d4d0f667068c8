using Reach.Identification;
using Reach.Tls;

namespace Reach.Core.Tests.Identification;

/// <summary>What <c>scan --service</c> calls a port's protocol, when that contradicts the port, and where TLS is tried.</summary>
public class ServiceIdentificationTests
{
    private static ServiceBanner Banner(ServiceProtocol? protocol) =>
        protocol is null ? ServiceBanner.Silent : new ServiceBanner(protocol, "text", 4, true);

    private static TlsReport Handshake(bool completed, StartTlsProtocol? upgrade = null) =>
        new("127.0.0.1", completed ? "TLSv1.3" : null, null, null, [], completed ? [] : [TlsProblem.HandshakeFailed], null, null, TimeSpan.Zero, upgrade);

    [Fact]
    public void SshOnTheHttpsPort_IsAMismatch_NamedSsh()
    {
        var identification = new ServiceIdentification(Banner(ServiceProtocol.Ssh), ExpectedService.ForPort(443), null);

        Assert.Equal(ServiceProtocol.Ssh, identification.Protocol);
        Assert.True(identification.Mismatch);
    }

    [Theory]
    [InlineData(22, ServiceProtocol.Ssh)]
    [InlineData(443, ServiceProtocol.Tls)]
    [InlineData(8080, ServiceProtocol.Ssh)] // a port that promises nothing is never contradicted
    [InlineData(25, ServiceProtocol.Unknown)] // unknown bytes contradict nothing
    public void TheProtocolThePortPromises_OrAPortThatPromisesNothing_IsNoMismatch(int port, ServiceProtocol answered)
    {
        Assert.False(new ServiceIdentification(Banner(answered), ExpectedService.ForPort(port), null).Mismatch);
    }

    [Fact]
    public void Silence_IsNoMismatch_AndNoProtocol()
    {
        var identification = new ServiceIdentification(Banner(null), ExpectedService.ForPort(22), null);

        Assert.Null(identification.Protocol);
        Assert.False(identification.Mismatch);
    }

    [Fact]
    public void ABannerThatNamedNothing_ButAHandshakeCompleted_IsTls()
    {
        Assert.Equal(ServiceProtocol.Tls, new ServiceIdentification(Banner(null), null, Handshake(completed: true)).Protocol);
        Assert.Equal(ServiceProtocol.Tls, new ServiceIdentification(Banner(ServiceProtocol.Unknown), null, Handshake(completed: true)).Protocol);
        Assert.Null(new ServiceIdentification(Banner(null), null, Handshake(completed: false)).Protocol);
        // A STARTTLS upgrade is the port's own protocol's, not bare TLS
        Assert.Equal(ServiceProtocol.Smtp, new ServiceIdentification(Banner(ServiceProtocol.Smtp), null, Handshake(completed: true, StartTlsProtocol.Smtp)).Protocol);
    }

    [Fact]
    public void NotFinished_IsACompleteRecordSayingWhy()
    {
        var identification = ServiceIdentification.NotFinished(443);

        Assert.True(identification.Interrupted);
        Assert.Null(identification.Protocol);
        Assert.Equal(ServiceProtocol.Tls, identification.Expected?.Protocol);
        Assert.Contains("interrupted", identification.Banner.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(443, ServiceProtocol.Ssh, true)] // TLS-wrapped port: its TLS is reported, whatever answered
    [InlineData(9443, ServiceProtocol.Tls, true)] // answered TLS
    [InlineData(9443, null, true)] // silent: a TLS service waits for its ClientHello
    [InlineData(9443, ServiceProtocol.Unknown, true)]
    [InlineData(25, ServiceProtocol.Smtp, true)] // STARTTLS port answering its own protocol
    [InlineData(5432, ServiceProtocol.PostgreSql, true)]
    [InlineData(25, ServiceProtocol.Http, false)]
    [InlineData(22, ServiceProtocol.Ssh, false)] // SSH has no TLS to show
    [InlineData(6379, ServiceProtocol.Redis, false)]
    [InlineData(8080, ServiceProtocol.Http, false)]
    public void OffersTls_WhereTlsIsToBeHad(int port, ServiceProtocol? answered, bool offers)
    {
        Assert.Equal(offers, ServiceIdentifier.OffersTls(port, ExpectedService.ForPort(port), Banner(answered)));
    }
}
