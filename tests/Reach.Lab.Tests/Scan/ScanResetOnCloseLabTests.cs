using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Lab.Scan;
using Reach.Platform;
using Reach.Probes;
using Reach.Scanning;
using Reach.Scanning.Engine;

namespace Reach.Lab.Tests.Scan;

/// <summary>
/// A scan closes every probe that connected with RST, so that a large scan leaves no TIME_WAIT sockets behind. The
/// targets are 500 open endpoints on the loopback of a namespace of their own (127.0.0.1-50, ports 20001-20010),
/// served by listeners that never close first: a probe closed with FIN would leave a TIME_WAIT socket on the
/// scanner's side and be counted as "ended by FIN" by the listener. Checked for both scan transports.
/// </summary>
public sealed class ScanResetOnCloseLabTests(LabFixture lab)
{
    private const int FirstPort = 20001;
    private const int LastPort = 20010;
    private const int Hosts = 50;

    private static readonly IReadOnlyList<IPAddress> Addresses =
        [.. Enumerable.Range(1, Hosts).Select(i => new IPAddress(new byte[] { 127, 0, 0, (byte)i }))];

    private static readonly HashSet<ScanEndPoint> OpenEndPoints =
        [.. Addresses.SelectMany(a => Enumerable.Range(FirstPort, LastPort - FirstPort + 1).Select(p => new ScanEndPoint(a, p)))];

    [Fact]
    public async Task Scan_FiveHundredOpenPorts_EveryProbeClosedWithRst_NoTimeWaitLeft()
    {
        lab.RequireLab();
        await using var ns = await ScanScratchNamespace.CreateAsync(lab.IpPath, "rst");
        await using var listeners = Listen(ns);

        var run = await ns.ReachAsync("scan", $"127.0.0.1-{Hosts}", "-p", $"{FirstPort}-{LastPort}", "--all", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        var scan = ScanOutput.Parse(run);
        ScanAssert.SameSet(OpenEndPoints, scan.WithState("open"), "open endpoints of the scan");
        scan.AssertSummary(hosts: Hosts, hostsUp: Hosts, hostsDown: 0, portsScanned: OpenEndPoints.Count, open: OpenEndPoints.Count, closed: 0, filtered: 0);
        await AssertEveryProbeWasResetAsync(ns, listeners);
    }

    [Fact]
    public async Task PortableTransport_FiveHundredOpenPorts_EveryProbeClosedWithRst_NoTimeWaitLeft()
    {
        lab.RequireLab();
        await using var ns = await ScanScratchNamespace.CreateAsync(lab.IpPath, "rst");
        await using var listeners = Listen(ns);
        var targets = Addresses.SelectMany((address, host) =>
            Enumerable.Range(FirstPort, LastPort - FirstPort + 1).Select(port => new ScanProbeTarget(host, address, port)));
        var results = new ConcurrentBag<ScanPortResult>();

        // The sockets are made in the namespace beforehand, in one go: making each on a thread of its own while the
        // transport holds its lock would delay completions past loopback's 50 ms timeouts on a busy machine. The
        // fixed timeout keeps CPU starvation from passing for silence; this test is about how probes are closed.
        var pool = new ConcurrentQueue<Socket>(ns.CreateSockets(AddressFamily.InterNetwork, 2 * OpenEndPoints.Count));
        try
        {
            var transport = new SocketAsyncScanTransport(
                PlatformServices.ErrorQueue,
                _ => pool.TryDequeue(out var socket) ? socket : throw new SocketException((int)SocketError.TooManyOpenSockets));
            var options = new ScanOptions { FixedTimeout = TimeSpan.FromSeconds(5) };
            var statistics = await new ScanEngine(transport).RunAsync(targets, options, results.Add, TestContext.Current.CancellationToken);

            TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", results
                .GroupBy(r => $"{r.State.ToWord()}/{r.Reason.ToWord()}")
                .Select(g => $"{g.Key}: {g.Count()} (e.g. {g.First().Target.Address}:{g.First().Target.Port}, attempts {g.First().Attempts})")));
            ScanAssert.SameSet(
                OpenEndPoints,
                results.Where(r => r.State == PortState.Open).Select(r => new ScanEndPoint(r.Target.Address, r.Target.Port)),
                "open endpoints of the portable transport");
            Assert.Equal(OpenEndPoints.Count, statistics.Open);
        }
        finally
        {
            foreach (var unused in pool)
            {
                unused.Dispose();
            }
        }

        await AssertEveryProbeWasResetAsync(ns, listeners);
    }

    private static PeerClosesFirstListeners Listen(ScanScratchNamespace ns) =>
        PeerClosesFirstListeners.Start(ns, Enumerable.Range(FirstPort, LastPort - FirstPort + 1).Select(port => new IPEndPoint(IPAddress.Any, port)));

    private static async Task AssertEveryProbeWasResetAsync(ScanScratchNamespace ns, PeerClosesFirstListeners listeners)
    {
        // Give the listeners the time to see each connection end (a FIN-closed one also needs their own FIN back
        // before the scanner's side enters TIME_WAIT).
        await listeners.WaitUntilEndedAsync(OpenEndPoints.Count, TimeSpan.FromSeconds(15));
        var timeWait = await ns.TimeWaitSocketsAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"listeners: {listeners}; TIME_WAIT sockets in {ns.Name}: {timeWait.Count}");

        Assert.True(
            timeWait.Count == 0,
            $"{timeWait.Count} TIME_WAIT sockets left in the namespace ({listeners}), e.g.:\n{string.Join('\n', timeWait.Take(5))}");
        Assert.True(listeners.EndedByFin == 0, $"probes were closed with FIN, not RST: {listeners}");
        Assert.True(
            listeners.Accepted == OpenEndPoints.Count && listeners.EndedByReset == OpenEndPoints.Count,
            $"expected {OpenEndPoints.Count} connections, each reset by the scanner: {listeners}");
    }
}
