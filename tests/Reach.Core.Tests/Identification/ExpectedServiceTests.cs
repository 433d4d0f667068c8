using Reach.Checking;
using Reach.Identification;

namespace Reach.Core.Tests.Identification;

/// <summary>What a well-known port promises, and when an answer contradicts it.</summary>
public class ExpectedServiceTests
{
    [Theory]
    [InlineData(443, ServiceProtocol.Ssh, true)]
    [InlineData(443, ServiceProtocol.Http, true)] // plain HTTP on the HTTPS port
    [InlineData(443, ServiceProtocol.Tls, false)]
    [InlineData(22, ServiceProtocol.Ssh, false)]
    [InlineData(22, ServiceProtocol.Http, true)]
    [InlineData(21, ServiceProtocol.Smtp, false)] // a "220 Welcome" that names neither reads as SMTP
    [InlineData(25, ServiceProtocol.Ftp, false)]
    [InlineData(25, ServiceProtocol.Unknown, false)] // unknown bytes contradict nothing
    [InlineData(6379, ServiceProtocol.Redis, false)]
    [InlineData(5432, ServiceProtocol.Http, true)]
    public void Contradiction(int port, ServiceProtocol answered, bool contradicted)
    {
        Assert.Equal(contradicted, ExpectedService.ForPort(port)!.IsContradictedBy(answered));
    }

    [Theory]
    [InlineData(8080)]
    [InlineData(3000)]
    [InlineData(9090)]
    [InlineData(49152)]
    public void PortsThatPromiseNothingInParticular_AreNotListed(int port)
    {
        Assert.Null(ExpectedService.ForPort(port));
    }

    [Theory]
    [InlineData(443)]
    [InlineData(465)]
    [InlineData(636)]
    [InlineData(853)]
    [InlineData(993)]
    [InlineData(995)]
    [InlineData(5986)]
    [InlineData(8443)]
    public void TlsWrappedPorts_AskWithAClientHello(int port)
    {
        var expected = ExpectedService.ForPort(port)!;

        Assert.True(expected.TlsWrapped);
        Assert.Equal(ServiceProbe.TlsClientHello, expected.Probe);
    }

    [Fact]
    public void TlsIsCheckedOnTheWrappedPortsOnly_UnlessAskedForEverywhere()
    {
        var check = new TlsCheck(new Reach.Tls.TlsProbeOptions());
        var byDefault = new CheckOptions { Tls = check, TlsPorts = TlsPorts.Wrapped };
        var everywhere = new CheckOptions { Tls = check, TlsPorts = TlsPorts.All };

        Assert.Same(check, byDefault.TlsFor(993));
        Assert.Null(byDefault.TlsFor(25));
        Assert.Same(check, everywhere.TlsFor(25));
        Assert.Null(new CheckOptions { TlsPorts = TlsPorts.Wrapped }.TlsFor(443));
    }

    [Fact]
    public void WrongService_SaysWhatAnswered_AndWhatThePortPromises()
    {
        var text = VerdictExplainer.WrongService(443, ExpectedService.ForPort(443)!, ServiceProtocol.Ssh);

        Assert.StartsWith("port 443 answers SSH, not HTTPS: ", text, StringComparison.Ordinal);
        Assert.Contains("--no-banner", text, StringComparison.Ordinal);
    }
}
