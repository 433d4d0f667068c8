using Reach.Checking;
using Reach.Core.Tests.TestSupport;
using Reach.Probes;
using Reach.Resolution;
using Reach.Targets;
using Reach.Tls;

namespace Reach.Core.Tests.Checking;

/// <summary><c>reach check --tls</c>'s verdicts over loopback TLS servers presenting the tests' certificates.</summary>
public sealed class CheckRunnerTlsTests : IDisposable
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;
    private readonly List<IDisposable> owned = [];

    public void Dispose() => owned.ForEach(o => o.Dispose());

    [Fact]
    public async Task TrustedThroughTheCa_IsOpenAndReachable_WithTheReport()
    {
        var report = await CheckAsync(Server(TestCertificates.Leaf(days: 90)), new TlsCheck(Trusting()));

        Assert.Equal(TargetStatus.Open, report.Status);
        Assert.True(report.Primary!.Tls!.Trusted);
        Assert.False(report.Primary.TlsExpiresSoon);
    }

    [Fact]
    public async Task SelfSigned_IsTlsFailed_AndSaysWhy()
    {
        var report = await CheckAsync(SelfSignedServer(), new TlsCheck(new TlsProbeOptions()));

        Assert.Equal(TargetStatus.TlsFailed, report.Status);
        Assert.False(report.Reachable);
        Assert.Contains("self-signed", report.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelfSigned_Insecure_IsOpen_TheProblemStillReported()
    {
        var report = await CheckAsync(SelfSignedServer(), new TlsCheck(new TlsProbeOptions(), Insecure: true));

        Assert.Equal(TargetStatus.Open, report.Status);
        Assert.Equal([TlsProblem.SelfSigned], report.Primary!.Tls!.Problems);
    }

    [Fact]
    public async Task ExpiringInFewerDaysThanCertFail_IsTlsFailed_ThanCertWarn_OnlyWarns()
    {
        var failing = await CheckAsync(Server(TestCertificates.Leaf(days: 5)), new TlsCheck(Trusting(), FailDays: 7));
        var warning = await CheckAsync(Server(TestCertificates.Leaf(days: 5)), new TlsCheck(Trusting(), WarnDays: 14));

        Assert.Equal(TargetStatus.TlsFailed, failing.Status);
        Assert.Matches(@"expires in [45] day\(s\), under --cert-fail 7", failing.Explanation);
        Assert.Equal(TargetStatus.Open, warning.Status);
        Assert.True(warning.Primary!.TlsExpiresSoon);
    }

    [Fact]
    public async Task NotTlsAtAll_IsTlsFailed_WithTheHandshakeError()
    {
        var greeter = GreetingServer.Sending("SSH-2.0-OpenSSH_9.2p1\r\n"u8.ToArray());
        owned.Add(greeter);

        var report = await CheckAsync(greeter.EndPoint.Port, new TlsCheck(new TlsProbeOptions()));

        Assert.Equal(TargetStatus.TlsFailed, report.Status);
        Assert.StartsWith("the port is open but no TLS handshake completed", report.Explanation, StringComparison.Ordinal);
        Assert.Equal(PortState.Open, report.Primary!.Probe!.State);
    }

    private static TlsProbeOptions Trusting() => new() { ExtraTrust = [TestCertificates.Root.Value] };

    private int Server(System.Security.Cryptography.X509Certificates.X509Certificate2 leaf)
    {
        owned.Add(leaf);
        var server = new TlsTestServer(leaf, TestCertificates.Intermediate.Value);
        owned.Add(server);
        return server.EndPoint.Port;
    }

    private int SelfSignedServer()
    {
        var self = TestCertificates.SelfSigned();
        owned.Add(self);
        var server = new TlsTestServer(self);
        owned.Add(server);
        return server.EndPoint.Port;
    }

    private async Task<TargetReport> CheckAsync(int port, TlsCheck tls)
    {
        Assert.True(TargetParser.TryParse($"127.0.0.1:{port}", out var target, out var error), error);
        var runner = new CheckRunner(new StubResolver([]), new TcpConnectProbe());
        var report = await runner.CheckAsync(target, new CheckOptions { Ping = false, Timeout = TimeSpan.FromSeconds(3), Tls = tls }, ct);
        Assert.Equal(ResolutionStatus.Literal, report.Resolution.Status);
        return report;
    }
}
