using System.Net;
using Reach.Core.Tests.TestSupport;
using Reach.Probes;

namespace Reach.Core.Tests.Probes;

/// <summary>Loopback only, and only ports these tests opened.</summary>
public class TcpConnectProbeTests
{
    private static readonly TcpProbeOptions Fast = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>Every loopback family, through the async probe and the one that waits on the calling thread.</summary>
    public static TheoryData<string, bool> Loopbacks => new() { { "127.0.0.1", false }, { "::1", false }, { "127.0.0.1", true }, { "::1", true } };

    public static TheoryData<bool> Modes => [false, true];

    private static Task<TcpProbeResult> ProbeAsync(bool synchronous, IPEndPoint remote, TcpProbeOptions options) => synchronous
        ? Task.FromResult(new TcpConnectProbe().Probe(remote, options, TestContext.Current.CancellationToken))
        : new TcpConnectProbe().ProbeAsync(remote, options, TestContext.Current.CancellationToken);

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task OpenPort_IsOpen_WithSynAckAndARoundTrip(string loopback, bool synchronous)
    {
        using var listener = new LoopbackListener(IPAddress.Parse(loopback));

        var result = await ProbeAsync(synchronous, listener.EndPoint, Fast);

        Assert.Equal(PortState.Open, result.State);
        Assert.Equal(ProbeReason.SynAck, result.Reason);
        Assert.NotNull(result.RoundTrip);
        Assert.True(result.RoundTrip > TimeSpan.Zero);
        Assert.Equal(IPAddress.Parse(loopback), result.Source?.Address);
        Assert.NotEqual(0, result.Source?.Port);
    }

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task ClosedPort_IsClosed_ConnRefused(string loopback, bool synchronous)
    {
        var closed = LoopbackListener.ClosedPort(IPAddress.Parse(loopback));

        var result = await ProbeAsync(synchronous, closed, Fast);

        Assert.Equal(PortState.Closed, result.State);
        Assert.Equal(ProbeReason.ConnRefused, result.Reason);
        Assert.NotNull(result.RoundTrip);
    }

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task SelfConnect_IsClosed_NeverOpen(string loopback, bool synchronous)
    {
        // Binding the probe to the very endpoint it connects to makes the SYN meet itself, as the kernel does
        // by chance when it picks the destination port as the ephemeral port.
        var closed = LoopbackListener.ClosedPort(IPAddress.Parse(loopback));

        var result = await ProbeAsync(synchronous, closed, Fast with { LocalEndPoint = closed });

        Assert.Equal(PortState.Closed, result.State);
        Assert.Equal(ProbeReason.SelfConnect, result.Reason);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ResetOnClose_StillReportsOpen(bool synchronous)
    {
        using var listener = new LoopbackListener();

        var result = await ProbeAsync(synchronous, listener.EndPoint, Fast with { ResetOnClose = true });

        Assert.Equal(PortState.Open, result.State);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task UnbindableSource_IsALocalError_NotAVerdict(bool synchronous)
    {
        using var listener = new LoopbackListener();
        // TEST-NET-1 is no address of this host: bind fails with EADDRNOTAVAIL before anything is sent.
        var notOurs = new IPEndPoint(IPAddress.Parse("192.0.2.1"), 0);

        var result = await ProbeAsync(synchronous, listener.EndPoint, Fast with { LocalEndPoint = notOurs });

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

    [Fact]
    public void SynchronousProbe_TimeoutOnAnUnansweredConnect_IsFilteredNoResponse()
    {
        // A listener whose accept queue is full (backlog 0, never accepting) drops further SYNs: a silent port on loopback.
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var probe = new TcpConnectProbe();
        TcpProbeResult? last = null;
        for (var i = 0; i < 8 && last?.State != PortState.Filtered; i++)
        {
            last = probe.Probe(endpoint, new TcpProbeOptions { Timeout = TimeSpan.FromMilliseconds(300) }, TestContext.Current.CancellationToken);
        }

        Assert.Equal(PortState.Filtered, last?.State);
        Assert.Equal(ProbeReason.NoResponse, last?.Reason);
        Assert.Null(last?.RoundTrip);
    }
}
