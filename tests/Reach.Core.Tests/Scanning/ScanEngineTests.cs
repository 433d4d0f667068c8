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

    [Fact]
    public async Task SilentPort_IsFiltered_AfterOneRetry()
    {
        // A listener with a full accept queue (backlog 0, never accepting) drops further SYNs: silence on loopback.
        using var silent = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        silent.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        silent.Listen(0);
        var endpoint = (IPEndPoint)silent.LocalEndPoint!;
        using var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await filler.ConnectAsync(endpoint, TestContext.Current.CancellationToken);
        using var filler2 = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var stuck = filler2.ConnectAsync(endpoint, TestContext.Current.CancellationToken).AsTask();

        var (results, statistics) = await ScanAsync(
            [new ScanProbeTarget(0, IPAddress.Loopback, endpoint.Port)],
            new ScanOptions { FixedTimeout = TimeSpan.FromMilliseconds(200), Retries = 1 });

        var result = Assert.Single(results);
        Assert.Equal(PortState.Filtered, result.State);
        Assert.Equal(ProbeReason.NoResponse, result.Reason);
        Assert.Null(result.RoundTrip);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, statistics.Attempts);
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
