using System.Net;
using Reach.Core.Tests.TestSupport;
using Reach.Platform;
using Reach.Probes;

namespace Reach.Core.Tests.Probes;

/// <summary>Loopback only, and only ports these tests opened.</summary>
public class TcpConnectProbeTests
{
    private static readonly TcpProbeOptions Fast = new() { Timeout = TimeSpan.FromSeconds(2) };

    /// <summary>
    /// How a test probes: the async probe; the one that waits on the calling thread as this OS runs it (a raw
    /// descriptor on Linux); and that one through a Socket, as Windows and macOS run it, which the seam lets Linux run too.
    /// </summary>
    public enum ProbePath
    {
        Async,
        Synchronous,
        SynchronousSocket,
    }

    /// <summary>Every loopback family, through every path.</summary>
    public static TheoryData<string, ProbePath> Loopbacks => new()
    {
        { "127.0.0.1", ProbePath.Async }, { "::1", ProbePath.Async },
        { "127.0.0.1", ProbePath.Synchronous }, { "::1", ProbePath.Synchronous },
        { "127.0.0.1", ProbePath.SynchronousSocket }, { "::1", ProbePath.SynchronousSocket },
    };

    public static TheoryData<ProbePath> Modes => [ProbePath.Async, ProbePath.Synchronous, ProbePath.SynchronousSocket];

    private static Task<TcpProbeResult> ProbeAsync(ProbePath path, IPEndPoint remote, TcpProbeOptions options) => path switch
    {
        ProbePath.Async => new TcpConnectProbe().ProbeAsync(remote, options, TestContext.Current.CancellationToken),
        ProbePath.Synchronous => Task.FromResult(new TcpConnectProbe().Probe(remote, options, TestContext.Current.CancellationToken)),
        _ => Task.FromResult(ThroughASocket().Probe(remote, options, TestContext.Current.CancellationToken)),
    };

    private static TcpConnectProbe ThroughASocket() => new(PlatformServices.ErrorQueue, timedConnect: null);

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task OpenPort_IsOpen_WithSynAckAndARoundTrip(string loopback, ProbePath path)
    {
        using var listener = new LoopbackListener(IPAddress.Parse(loopback));

        var result = await ProbeAsync(path, listener.EndPoint, Fast);

        Assert.Equal(PortState.Open, result.State);
        Assert.Equal(ProbeReason.SynAck, result.Reason);
        Assert.NotNull(result.RoundTrip);
        Assert.True(result.RoundTrip > TimeSpan.Zero);
        Assert.Equal(IPAddress.Parse(loopback), result.Source?.Address);
        Assert.NotEqual(0, result.Source?.Port);
    }

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task ClosedPort_IsClosed_ConnRefused(string loopback, ProbePath path)
    {
        var closed = LoopbackListener.ClosedPort(IPAddress.Parse(loopback));

        var result = await ProbeAsync(path, closed, Fast);

        Assert.Equal(PortState.Closed, result.State);
        Assert.Equal(ProbeReason.ConnRefused, result.Reason);
        Assert.NotNull(result.RoundTrip);
    }

    [Theory]
    [MemberData(nameof(Loopbacks))]
    public async Task SelfConnect_IsClosed_NeverOpen(string loopback, ProbePath path)
    {
        // Binding the probe to the very endpoint it connects to makes the SYN meet itself, as the kernel does
        // by chance when it picks the destination port as the ephemeral port.
        var closed = LoopbackListener.ClosedPort(IPAddress.Parse(loopback));

        var result = await ProbeAsync(path, closed, Fast with { LocalEndPoint = closed });

        Assert.Equal(PortState.Closed, result.State);
        Assert.Equal(ProbeReason.SelfConnect, result.Reason);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ResetOnClose_StillReportsOpen(ProbePath path)
    {
        using var listener = new LoopbackListener();

        var result = await ProbeAsync(path, listener.EndPoint, Fast with { ResetOnClose = true });

        Assert.Equal(PortState.Open, result.State);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task UnbindableSource_IsALocalError_NotAVerdict(ProbePath path)
    {
        using var listener = new LoopbackListener();
        // TEST-NET-1 is no address of this host: bind fails with EADDRNOTAVAIL before anything is sent.
        var notOurs = new IPEndPoint(IPAddress.Parse("192.0.2.1"), 0);

        var result = await ProbeAsync(path, listener.EndPoint, Fast with { LocalEndPoint = notOurs });

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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SynchronousProbe_TimeoutOnAnUnansweredConnect_IsFilteredNoResponse(bool throughASocket)
    {
        // A listener whose accept queue is full (backlog 0, never accepting) drops further SYNs: a silent port on loopback.
        using var listener = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var probe = throughASocket ? ThroughASocket() : new TcpConnectProbe();
        TcpProbeResult? last = null;
        for (var i = 0; i < 8 && last?.State != PortState.Filtered; i++)
        {
            last = probe.Probe(endpoint, new TcpProbeOptions { Timeout = TimeSpan.FromMilliseconds(300) }, TestContext.Current.CancellationToken);
        }

        Assert.Equal(PortState.Filtered, last?.State);
        Assert.Equal(ProbeReason.NoResponse, last?.Reason);
        Assert.Null(last?.RoundTrip);
    }

    [Fact]
    public void SynchronousProbe_ThroughTheTimedConnect_AddsTheSourceTheRouteWouldPick()
    {
        var remote = new IPEndPoint(IPAddress.Loopback, 9);
        var timed = new RecordingTimedConnect(r => new TcpProbeResult(r, PortState.Filtered, ProbeReason.NoResponse, null, null));

        var result = new TcpConnectProbe(PlatformServices.ErrorQueue, timed).Probe(remote, Fast, TestContext.Current.CancellationToken);

        Assert.Equal((remote, Fast.Timeout), Assert.Single(timed.Probes));
        Assert.Equal((PortState.Filtered, ProbeReason.NoResponse), (result.State, result.Reason));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 0), result.Source);
    }

    [Fact]
    public void SynchronousProbe_TimedConnectLocalError_KeepsItsMissingSource()
    {
        var remote = new IPEndPoint(IPAddress.Loopback, 9);
        var timed = new RecordingTimedConnect(r => new TcpProbeResult(r, PortState.Error, ProbeReason.LocalError, null, null, Detail: "no descriptors"));

        var result = new TcpConnectProbe(PlatformServices.ErrorQueue, timed).Probe(remote, Fast, TestContext.Current.CancellationToken);

        Assert.Equal((PortState.Error, "no descriptors"), (result.State, result.Detail));
        Assert.Null(result.Source);
    }

    /// <summary>A source to bind or an RST to send on close needs a Socket: the raw connect does neither.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TimedConnect_IsNotUsed_ForALocalEndPoint_AResetOnClose_OrTheAsyncProbe(bool resetOnClose)
    {
        using var listener = new LoopbackListener();
        var timed = new RecordingTimedConnect(_ => throw new InvalidOperationException("the raw connect was used"));
        var probe = new TcpConnectProbe(PlatformServices.ErrorQueue, timed);
        var options = resetOnClose ? Fast with { ResetOnClose = true } : Fast with { LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0) };

        var synchronous = probe.Probe(listener.EndPoint, options, TestContext.Current.CancellationToken);
        var asynchronous = await probe.ProbeAsync(listener.EndPoint, Fast, TestContext.Current.CancellationToken);

        Assert.Equal((PortState.Open, PortState.Open), (synchronous.State, asynchronous.State));
        Assert.Empty(timed.Probes);
    }
}
