using System.Net;
using Reach.Core.Tests.TestSupport;
using Reach.Probes;

namespace Reach.Core.Tests.Probes;

/// <summary>Loopback only, and only ports these tests opened.</summary>
public class TcpConnectProbeTests
{
    private static readonly TcpProbeOptions Fast = new() { Timeout = TimeSpan.FromSeconds(2) };

    public static TheoryData<string> Loopbacks => ["127.0.0.1", "::1"];

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task OpenPort_IsOpen_WithSynAckAndARoundTrip(string loopback)
    {
        using var listener = new LoopbackListener(IPAddress.Parse(loopback));

        var result = await new TcpConnectProbe().ProbeAsync(listener.EndPoint, Fast, TestContext.Current.CancellationToken);

        Assert.Equal(PortState.Open, result.State);
        Assert.Equal(ProbeReason.SynAck, result.Reason);
        Assert.NotNull(result.RoundTrip);
        Assert.True(result.RoundTrip > TimeSpan.Zero);
        Assert.Equal(IPAddress.Parse(loopback), result.Source?.Address);
        Assert.NotEqual(0, result.Source?.Port);
    }

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task ClosedPort_IsClosed_ConnRefused(string loopback)
    {
        var closed = LoopbackListener.ClosedPort(IPAddress.Parse(loopback));

        var result = await new TcpConnectProbe().ProbeAsync(closed, Fast, TestContext.Current.CancellationToken);

        Assert.Equal(PortState.Closed, result.State);
        Assert.Equal(ProbeReason.ConnRefused, result.Reason);
        Assert.NotNull(result.RoundTrip);
    }

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task SelfConnect_IsClosed_NeverOpen(string loopback)
    {
        // Binding the probe to the very endpoint it connects to makes the SYN meet itself, as the kernel does
        // by chance when it picks the destination port as the ephemeral port.
        var closed = LoopbackListener.ClosedPort(IPAddress.Parse(loopback));

        var result = await new TcpConnectProbe().ProbeAsync(closed, Fast with { LocalEndPoint = closed }, TestContext.Current.CancellationToken);

        Assert.Equal(PortState.Closed, result.State);
        Assert.Equal(ProbeReason.SelfConnect, result.Reason);
    }

    [Fact]
    public async Task ResetOnClose_StillReportsOpen()
    {
        using var listener = new LoopbackListener();

        var result = await new TcpConnectProbe().ProbeAsync(listener.EndPoint, Fast with { ResetOnClose = true }, TestContext.Current.CancellationToken);

        Assert.Equal(PortState.Open, result.State);
    }

    [Fact]
    public async Task UnbindableSource_IsALocalError_NotAVerdict()
    {
        using var listener = new LoopbackListener();
        // TEST-NET-1 is no address of this host: bind fails with EADDRNOTAVAIL before anything is sent.
        var notOurs = new IPEndPoint(IPAddress.Parse("192.0.2.1"), 0);

        var result = await new TcpConnectProbe().ProbeAsync(listener.EndPoint, Fast with { LocalEndPoint = notOurs }, TestContext.Current.CancellationToken);

        Assert.Equal(PortState.Error, result.State);
        Assert.Equal(ProbeReason.LocalError, result.Reason);
        Assert.Contains("cannot bind", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancellation_Throws_InsteadOfReportingFiltered()
    {
        using var listener = new LoopbackListener();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new TcpConnectProbe().ProbeAsync(listener.EndPoint, Fast, cts.Token));
    }
}
