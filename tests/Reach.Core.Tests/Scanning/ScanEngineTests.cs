using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Reach.Core.Tests.TestSupport;
using Reach.Probes;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

/// <summary>Loopback only, and only ports these tests opened (and closed again).</summary>
public class ScanEngineTests
{
    private static async Task<(List<ScanPortResult> Results, ScanStatistics Statistics)> ScanAsync(IEnumerable<ScanProbeTarget> targets, ScanOptions options)
    {
        var results = new ConcurrentBag<ScanPortResult>();
        var statistics = await new ScanEngine().RunAsync(targets, options, results.Add, TestContext.Current.CancellationToken);
        return ([.. results], statistics);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task OpenAndClosedPorts_AreExactlyTheGroundTruth(string loopback)
    {
        var address = IPAddress.Parse(loopback);
        var listeners = Enumerable.Range(0, 8).Select(_ => new LoopbackListener(address)).ToList();
        try
        {
            var open = listeners.Select(l => l.Port).ToHashSet();
            var closed = Enumerable.Range(0, 24).Select(_ => LoopbackListener.ClosedPort(address).Port).Where(p => !open.Contains(p)).ToHashSet();
            var targets = open.Concat(closed).Select(p => new ScanProbeTarget(0, address, p));

            var (results, statistics) = await ScanAsync(targets, new ScanOptions());

            Assert.Equal(open, results.Where(r => r.State == PortState.Open).Select(r => r.Target.Port).ToHashSet());
            Assert.Equal(closed, results.Where(r => r.State == PortState.Closed).Select(r => r.Target.Port).ToHashSet());
            Assert.All(results.Where(r => r.State == PortState.Open), r => Assert.Equal(ProbeReason.SynAck, r.Reason));
            Assert.All(results.Where(r => r.State == PortState.Closed), r => Assert.Equal(ProbeReason.ConnRefused, r.Reason));
            Assert.All(results, r => Assert.NotNull(r.RoundTrip));
            Assert.Equal(open.Count + closed.Count, results.Count);
            Assert.Equal(new[] { (long)open.Count, closed.Count, 0 }, new[] { statistics.Open, statistics.Closed, statistics.Filtered });
        }
        finally
        {
            listeners.ForEach(l => l.Dispose());
        }
    }

    /// <summary>A listener with a full accept queue (backlog 0, never accepting) drops further SYNs: silence on loopback.</summary>
    private sealed class SilentPort : IDisposable
    {
        private readonly Socket _listener = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly Socket _filler = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        private readonly Socket _stuck = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

        public SilentPort()
        {
            _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            _listener.Listen(0);
            EndPoint = (IPEndPoint)_listener.LocalEndPoint!;
            _filler.Connect(EndPoint);
            _stuck.Blocking = false;
            try
            {
                _stuck.Connect(EndPoint);
            }
            catch (SocketException)
            {
                // In progress, and it stays so: the queue is full.
            }
        }

        public IPEndPoint EndPoint { get; }

        public void Dispose()
        {
            _stuck.Dispose();
            _filler.Dispose();
            _listener.Dispose();
        }
    }

    [Fact]
    public async Task SilentPort_OnAHostThatAnswers_IsFiltered_AfterOneRetry()
    {
        using var silent = new SilentPort();
        var closed = LoopbackListener.ClosedPort();

        var (results, statistics) = await ScanAsync(
            [new ScanProbeTarget(0, IPAddress.Loopback, closed.Port), new ScanProbeTarget(0, IPAddress.Loopback, silent.EndPoint.Port)],
            new ScanOptions { FixedTimeout = TimeSpan.FromMilliseconds(200), Retries = 1 });

        var result = Assert.Single(results, r => r.Target.Port == silent.EndPoint.Port);
        Assert.Equal(PortState.Filtered, result.State);
        Assert.Equal(ProbeReason.NoResponse, result.Reason);
        Assert.Null(result.RoundTrip);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(3 + statistics.Pacing!.TimingProbes, statistics.Attempts); // the closed port may serve as timing port meanwhile
        Assert.Equal(0, statistics.Pacing.TimingLosses);
        Assert.Equal(0, statistics.Pacing.Drops);
    }

    [Fact]
    public async Task SilentHost_ThatNeverAnswered_IsNotRetried()
    {
        using var silent = new SilentPort();

        var (results, statistics) = await ScanAsync(
            [new ScanProbeTarget(0, IPAddress.Loopback, silent.EndPoint.Port)],
            new ScanOptions { FixedTimeout = TimeSpan.FromMilliseconds(200), Retries = 1 });

        Assert.Equal(PortState.Filtered, Assert.Single(results).State);
        Assert.Equal(1, statistics.Attempts);
    }

    [Fact]
    public async Task DiscoveryProbe_LearnsTheRoundTrip_SoSilenceIsJudgedWithoutTheInitialTimeout()
    {
        using var silent = new SilentPort();
        var closed = LoopbackListener.ClosedPort();
        var initial = TimeSpan.FromSeconds(3);

        var (results, statistics) = await ScanAsync(
            [new ScanProbeTarget(0, IPAddress.Loopback, silent.EndPoint.Port)],
            new ScanOptions { DiscoveryPort = closed.Port, InitialTimeout = initial });

        // The discovery probe's RST gives the host a round trip: the silent port then waits the learnt timeout
        // (floor 50 ms, doubled on the retry), never the 3 s meant for hosts nothing is known about.
        var result = Assert.Single(results);
        Assert.Equal(silent.EndPoint.Port, result.Target.Port);
        Assert.Equal(PortState.Filtered, result.State);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(3 + statistics.Pacing!.TimingProbes, statistics.Attempts); // the closed discovery port also confirms the silence
        Assert.True(statistics.Duration < initial, $"took {statistics.Duration}");
    }

    [Fact]
    public async Task MaxPerHostAndASmallWindow_StillScanEverything()
    {
        using var listener = new LoopbackListener();
        var closed = Enumerable.Range(0, 40).Select(_ => LoopbackListener.ClosedPort().Port).Where(p => p != listener.Port).Distinct().ToList();
        var targets = closed.Append(listener.Port).Select(p => new ScanProbeTarget(0, IPAddress.Loopback, p));

        var (results, _) = await ScanAsync(targets, new ScanOptions { MaxPerHost = 1, MaxInflight = 2, InitialWindow = 1 });

        Assert.Equal(closed.Count + 1, results.Count);
        Assert.Equal(listener.Port, Assert.Single(results, r => r.State == PortState.Open).Target.Port);
    }

    [Fact]
    public async Task DiscoveryAndAPerHostCap_OnManyHosts_ParkAndReleaseEveryProbe()
    {
        using var listener = new LoopbackListener();
        var discovery = LoopbackListener.ClosedPort().Port;
        var closed = Enumerable.Range(0, 20).Select(_ => LoopbackListener.ClosedPort().Port).Where(p => p != listener.Port && p != discovery).Distinct().ToList();
        var ports = closed.Append(listener.Port).ToList();
        // Five "hosts" (distinct host indexes on loopback), each with every port: probes wait for their host's
        // discovery probe, then at most two per host run at once.
        var targets = Enumerable.Range(0, 5).SelectMany(h => ports.Select(p => new ScanProbeTarget(h, IPAddress.Loopback, p)));

        var (results, statistics) = await ScanAsync(targets, new ScanOptions { DiscoveryPort = discovery, MaxPerHost = 2 });

        Assert.Equal(5 * ports.Count, results.Count);
        Assert.Equal(5, results.Count(r => r.State == PortState.Open));
        Assert.Equal((5 * ports.Count) + 5, statistics.Attempts); // one discovery probe per host, never reported
    }

    [Fact]
    public async Task RateCap_SpacesTheAttempts()
    {
        var closed = Enumerable.Range(0, 30).Select(_ => LoopbackListener.ClosedPort().Port).Distinct().ToList();
        var targets = closed.Select(p => new ScanProbeTarget(0, IPAddress.Loopback, p));

        var (results, statistics) = await ScanAsync(targets, new ScanOptions { Rate = 100 });

        Assert.Equal(closed.Count, results.Count);
        // 30 attempts at 100 per second cannot take less than 0.29 s, however fast the host answers.
        Assert.True(statistics.Duration >= TimeSpan.FromSeconds((closed.Count - 1) / 100.0), $"took {statistics.Duration}");
    }

    [Fact]
    public async Task Cancellation_StopsTheScan()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        var targets = Enumerable.Range(1, 10).Select(p => new ScanProbeTarget(0, IPAddress.Loopback, LoopbackListener.ClosedPort().Port));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ScanEngine().RunAsync(targets, new ScanOptions(), _ => { }, cts.Token));
    }
}
