using Reach.Core.Tests.Scanning.Engine.Simulation;
using Reach.Probes;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning.Engine;

/// <summary>
/// The pacing model on simulated networks (virtual time, no sockets): silence is filtering and never slows a scan
/// down; losses on ports that answer (an answer only a retry brought, a lost timing probe) do, and a rate limiter or a
/// lossy link still gives up every open port.
/// </summary>
public class ScanSchedulerPacingTests
{
    private static readonly TimeSpan Lan = TimeSpan.FromMilliseconds(1);
    private static readonly int[] Web = [22, 80, 443];
    private static readonly int[] Services = [22, 80, 443, 3389, 8080];

    /// <summary>Ports 1-1000 and the two services above them: 1,002 ports, 997 of them closed on a friendly host.</summary>
    private static readonly int[] Thousand = [.. Enumerable.Range(1, 1000), 3389, 8080];

    [Fact]
    public void DefaultDenyHost_SilentPortsAreFiltered_AndNeverCountAsDrops()
    {
        var scan = new SimulatedScan([new SimulatedHost(Web, defaultDeny: true, Lan)])
            .Run(SimulatedScan.Targets(1, Enumerable.Range(1, 1000)), new ScanOptions());

        Assert.Equal(Web, scan.PortsWith(0, PortState.Open).Order());
        Assert.Equal(997, scan.PortsWith(0, PortState.Filtered).Count());
        Assert.All(scan.Results.Where(r => r.State == PortState.Filtered), r => Assert.Equal((ProbeReason.NoResponse, 2), (r.Reason, r.Attempts)));
        Assert.Equal(0, scan.Statistics!.Pacing!.Drops);

        // The old model halved the window at every timeout of a host that had answered: ~1,000 ports took minutes.
        // Silence now leaves it open, so the 997 filtered ports cost a few rounds of the learnt timeout.
        Assert.True(scan.Statistics.Pacing.Window >= 256, $"window {scan.Statistics.Pacing.Window}");
        Assert.True(scan.Elapsed < TimeSpan.FromSeconds(3), $"simulated time {scan.Elapsed}");
    }

    [Fact]
    public void DefaultDenyHost_AllPorts_SilenceOpensTheWindow_UpToItsCap()
    {
        var scan = new SimulatedScan([new SimulatedHost(Web, defaultDeny: true, Lan)])
            .Run(SimulatedScan.Targets(1, Enumerable.Range(1, 65535)), new ScanOptions());

        Assert.Equal(Web, scan.PortsWith(0, PortState.Open).Order());
        Assert.Equal(65532, scan.PortsWith(0, PortState.Filtered).Count());
        Assert.Equal(0, scan.Statistics!.Pacing!.Drops);
        Assert.InRange(scan.PeakInflight, 1000, 1100);
        Assert.True(scan.Elapsed < TimeSpan.FromSeconds(30), $"simulated time {scan.Elapsed}");
    }

    [Fact]
    public void DeadHost_IsNotRetried()
    {
        var scan = new SimulatedScan([new SimulatedHost([], defaultDeny: true, Lan)])
            .Run(SimulatedScan.Targets(1, Enumerable.Range(1, 50)), new ScanOptions());

        Assert.All(scan.Results, r => Assert.Equal((PortState.Filtered, 1), (r.State, r.Attempts)));
        Assert.Equal(50, scan.Statistics!.Attempts);
    }

    [Fact]
    public void RateLimitedHost_EveryPortExact_TheSendDelayRises()
    {
        var host = new SimulatedHost(Services, defaultDeny: false, Lan) { LimitPerSecond = 200, LimitBurst = 20 };

        var scan = new SimulatedScan([host]).Run(SimulatedScan.Targets(1, Thousand), new ScanOptions());

        Assert.Equal(Services, scan.PortsWith(0, PortState.Open).Order());
        Assert.Equal(997, scan.PortsWith(0, PortState.Closed).Count());
        var pacing = scan.Statistics!.Pacing!;
        Assert.True(pacing.Drops > 0, "the limiter's drops were not noticed");
        Assert.True(pacing.DelayRaises > 0, "the send delay never rose");
        // The limiter lets 200 SYNs a second through: the 1,002 ports take 5 s at best. The scan keeps near that pace
        // (retries of lost SYNs are sent while the limiter refills), never crawling below it.
        Assert.True(scan.Elapsed < TimeSpan.FromSeconds(8), $"simulated time {scan.Elapsed}; {pacing}");
    }

    [Fact]
    public void DefaultDenyHost_BehindARateLimiter_ARarePortFound_ByTimingProbesAndRetries()
    {
        // The common ports answer in the first window (within the limiter's burst); the rare open port comes among
        // 900 silent ones sent far faster than the limiter allows. Its loss only shows on the timing probes (to port
        // 22) and on retries; the retries find it.
        int[] open = [.. Web, 40123];
        var host = new SimulatedHost(open, defaultDeny: true, Lan) { LimitPerSecond = 200, LimitBurst = 20 };

        var scan = new SimulatedScan([host]).Run(SimulatedScan.Targets(1, Web.Concat(Enumerable.Range(40000, 900))), new ScanOptions());

        Assert.True(open.SequenceEqual(scan.PortsWith(0, PortState.Open).Order()), $"{scan.Statistics!.Pacing} {scan.Elapsed} limited {host.SynsLimited}/{host.SynsSeen} 40123: {scan.Results.Single(r => r.Target.Port == 40123)}");
        Assert.True(scan.Statistics!.Pacing!.TimingProbes > 0);
        Assert.True(scan.Statistics.Pacing.Drops > 0);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void LossyHost_EveryOpenPortFound_RetriesFollowTheLoss(int seed)
    {
        var host = new SimulatedHost(Services, defaultDeny: false, Lan, seed) { Loss = 0.2 };

        var scan = new SimulatedScan([host]).Run(SimulatedScan.Targets(1, Thousand), new ScanOptions());

        Assert.Equal(Services, scan.PortsWith(0, PortState.Open).Order());
        Assert.True(scan.Statistics!.Pacing!.Drops > 0);
        Assert.Contains(scan.Results, r => r.Attempts > 2); // one more than the highest attempt that drew an answer
        Assert.True(scan.PortsWith(0, PortState.Filtered).Count() <= 3, $"{scan.PortsWith(0, PortState.Filtered).Count()} closed ports lost on every attempt");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void LossyHost_RetriesNeverExceedTheirMaximum(int maxRetries)
    {
        var host = new SimulatedHost(Services, defaultDeny: false, Lan, seed: 4) { Loss = 0.3 };
        var options = new ScanOptions { Retries = Math.Min(1, maxRetries), MaxRetries = maxRetries };

        var scan = new SimulatedScan([host]).Run(SimulatedScan.Targets(1, Thousand), options);

        Assert.Equal(Thousand.Length, scan.Results.Count);
        Assert.Equal(maxRetries + 1, scan.Results.Max(r => r.Attempts));
    }

    [Fact]
    public void FilteredPortsOnAFriendlyHost_AreNotDrops()
    {
        var dropped = Enumerable.Range(5000, 200).ToHashSet();
        var host = new SimulatedHost(Web, defaultDeny: false, Lan) { Dropped = dropped };
        var scan = new SimulatedScan([host]).Run(SimulatedScan.Targets(1, Enumerable.Range(4900, 400)), new ScanOptions());

        Assert.Equal(dropped.Order(), scan.PortsWith(0, PortState.Filtered).Order());
        Assert.Equal(0, scan.Statistics!.Pacing!.Drops);
        Assert.Equal(0, scan.Statistics.Pacing.DelayRaises);
    }

    [Fact]
    public void HostThatStopsAnswering_TimingProbesAreLost_TheScanSlowsDown()
    {
        // An IPS bans the scanner after 0.2 s: every later SYN vanishes, on the open ports too. Only timing probes to
        // a port known to answer can tell this from filtering.
        var host = new SimulatedHost(Web, defaultDeny: true, Lan) { SilentFrom = (long)(System.Diagnostics.Stopwatch.Frequency * 1000.2) };

        var scan = new SimulatedScan([host]).Run(SimulatedScan.Targets(1, Web.Concat(Enumerable.Range(1000, 5000))), new ScanOptions());

        var pacing = scan.Statistics!.Pacing!;
        Assert.True(pacing.TimingLosses > 0, "no timing probe was lost");
        Assert.True(pacing.Drops >= pacing.TimingLosses);
        Assert.True(pacing.DelayRaises > 0, "the host's send delay never rose");
    }

    [Fact]
    public void OneRateLimitedHostAmongMany_DoesNotSlowTheOthers()
    {
        var hosts = Enumerable.Range(0, 16)
            .Select(i => new SimulatedHost(Services, defaultDeny: false, Lan) { LimitPerSecond = i == 0 ? 200 : 0, LimitBurst = 20 })
            .ToList();

        var scan = new SimulatedScan(hosts).Run(SimulatedScan.Targets(16, [.. Enumerable.Range(1, 495), 3389, 8080]), new ScanOptions());

        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(Services, scan.PortsWith(i, PortState.Open).Order());
            Assert.Equal(492, scan.PortsWith(i, PortState.Closed).Count());
        }

        Assert.True(scan.Statistics!.Pacing!.DelayRaises > 0);
        Assert.True(scan.Statistics.Pacing.Window >= 256, $"the scan window fell to {scan.Statistics.Pacing.Window}");
    }

    [Fact]
    public void GuessedTimeouts_FollowTheHostsFirstRoundTrip()
    {
        // Ten dropped ports and a discovery port that answers RST: the dropped ports go out with the initial 3 s
        // guess, and are judged on the host's round trip once the discovery answer arrives.
        var dropped = Enumerable.Range(100, 10).ToHashSet();
        var host = new SimulatedHost([], defaultDeny: false, Lan) { Dropped = dropped };
        var options = new ScanOptions { DiscoveryPort = 65534, InitialTimeout = TimeSpan.FromSeconds(3) };

        var scan = new SimulatedScan([host]).Run(SimulatedScan.Targets(1, dropped), options);

        Assert.All(scan.Results, r => Assert.Equal((PortState.Filtered, 2), (r.State, r.Attempts)));
        Assert.True(scan.Elapsed < TimeSpan.FromSeconds(1), $"simulated time {scan.Elapsed}");
    }
}
