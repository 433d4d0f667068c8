using System.Diagnostics;
using System.Text;
using Reach.Core.Tests.TestSupport;
using Reach.Identification;
using Reach.Tls;

namespace Reach.Core.Tests.Identification;

/// <summary>One open port identified against loopback servers this test opens: a greeting, a TLS service on an unusual port, silence.</summary>
public class ServiceIdentifierTests
{
    private static readonly ServiceIdentifierOptions WithTls = new() { Wait = TimeSpan.FromSeconds(1), Tls = new TlsProbeOptions { Timeout = TimeSpan.FromSeconds(5) } };

    [Fact]
    public async Task SshGreeting_IsSsh_AndNoHandshakeIsTried_EvenWithTls()
    {
        using var server = GreetingServer.Sending("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"u8.ToArray());

        var identification = await ServiceIdentifier.IdentifyAsync(server.EndPoint, "127.0.0.1", WithTls, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceProtocol.Ssh, identification.Protocol);
        Assert.Equal("SSH-2.0-OpenSSH_9.2p1 Debian-2", identification.Banner.Text);
        Assert.Null(identification.Tls);
        Assert.False(identification.Mismatch);
    }

    [Fact]
    public async Task TlsOnAnUnusualPort_WithTls_IsNamedSsl_WithItsCertificate()
    {
        using var certificate = TestCertificates.SelfSigned();
        using var server = new TlsTestServer(certificate);

        var identification = await ServiceIdentifier.IdentifyAsync(server.EndPoint, "127.0.0.1", WithTls, TestContext.Current.CancellationToken);

        Assert.Equal(ServiceProtocol.Tls, identification.Protocol);
        var tls = Assert.IsType<TlsReport>(identification.Tls);
        Assert.True(tls.HandshakeCompleted, tls.Error);
        Assert.Equal($"CN={TestCertificates.Name}", tls.Chain[0].Subject);
        Assert.Contains(TlsProblem.SelfSigned, tls.Problems);
        Assert.InRange(tls.DaysLeft!.Value, 88, 90);
    }

    [Fact]
    public async Task TlsOnAnUnusualPort_WithoutTls_IsNotNamed_AndNoHandshakeIsTried()
    {
        using var certificate = TestCertificates.SelfSigned();
        using var server = new TlsTestServer(certificate);

        var identification = await ServiceIdentifier.IdentifyAsync(server.EndPoint, "127.0.0.1", new ServiceIdentifierOptions(), TestContext.Current.CancellationToken);

        Assert.NotEqual(ServiceProtocol.Tls, identification.Protocol);
        Assert.Null(identification.Tls);
    }

    [Fact]
    public async Task ASilentPort_TakesTheWait_NotMore()
    {
        using var server = new GreetingServer(GreetingServer.HoldAsync);
        var options = new ServiceIdentifierOptions { Wait = TimeSpan.FromMilliseconds(300) };
        var started = Stopwatch.GetTimestamp();

        var identification = await ServiceIdentifier.IdentifyAsync(server.EndPoint, "127.0.0.1", options, TestContext.Current.CancellationToken);

        Assert.Null(identification.Protocol);
        Assert.Equal(ServiceProbe.HttpHead, identification.Banner.Probe); // silent for half the wait: asked HEAD /
        Assert.InRange(Stopwatch.GetElapsedTime(started), TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task AHostileBanner_ComesBackAsOnePrintableLine()
    {
        using var server = GreetingServer.Sending(Encoding.Latin1.GetBytes("220 \u001b[31mred\u001b]0;title\u0007\r\nnext line\r\n"));

        var identification = await ServiceIdentifier.IdentifyAsync(server.EndPoint, "127.0.0.1", new ServiceIdentifierOptions(), TestContext.Current.CancellationToken);

        Assert.Equal(ServiceProtocol.Smtp, identification.Protocol);
        Assert.Equal(@"220 \x1b[31mred\x1b]0;title\x07", identification.Banner.Text);
    }
}
