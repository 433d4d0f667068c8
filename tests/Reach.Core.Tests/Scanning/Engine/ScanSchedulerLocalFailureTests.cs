using System.Diagnostics;
using System.Net;
using Reach.Probes;
using Reach.Scanning;
using Reach.Scanning.Engine;

namespace Reach.Core.Tests.Scanning.Engine;

/// <summary>
/// A local failure (EMFILE, EADDRNOTAVAIL, a local firewall rule) is never a verdict: the probe is retried, and only
/// a probe that keeps failing with nothing else in flight is reported, as error/local-error, so the scan still ends.
/// </summary>
public class ScanSchedulerLocalFailureTests
{
    private static readonly ScanProbeOutcome LocalError = new(PortState.Error, ProbeReason.LocalError, false, false);
    private static readonly long Second = Stopwatch.Frequency;

    [Fact]
    public void LocalFailure_ThenAnswer_ReportsOnlyTheAnswer()
    {
        var results = new List<ScanPortResult>();
        using var scheduler = Scheduler([80], results);
        var now = Stopwatch.GetTimestamp();

        Assert.True(scheduler.TryStart(now, out var probe, out _));
        scheduler.FailLocally(probe, now);
        Assert.Empty(results);

        now += Second;
        Assert.True(scheduler.TryStart(now, out probe, out var timeout));
        scheduler.Finish(probe, timeout, TimeSpan.FromMilliseconds(1), now, ScanProbeOutcome.Connected(selfConnect: false));

        var result = Assert.Single(results);
        Assert.Equal(PortState.Open, result.State);
        Assert.False(scheduler.TryStart(now + Second, out _, out _));
        Assert.True(scheduler.Finished);
        Assert.Equal(1, scheduler.Statistics().LocalRetries);
        Assert.Equal(0, scheduler.Statistics().Errors);
    }

    [Fact]
    public void PersistentLocalFailure_AloneInFlight_IsReportedAsLocalErrorNeverAsAVerdict()
    {
        var results = new List<ScanPortResult>();
        using var scheduler = Scheduler([80], results);
        var now = Stopwatch.GetTimestamp();

        var tries = 0;
        while (tries < 100 && scheduler.TryStart(now += Second, out var probe, out var timeout)) // past every back-off pause
        {
            scheduler.Finish(probe, timeout, TimeSpan.Zero, now, LocalError);
            tries++;
        }

        Assert.Equal(ScanScheduler.MaxLocalFailures, tries);
        Assert.True(scheduler.Finished);
        var result = Assert.Single(results);
        Assert.Equal(PortState.Error, result.State);
        Assert.Equal(ProbeReason.LocalError, result.Reason);
        Assert.Null(result.RoundTrip);
        var statistics = scheduler.Statistics();
        Assert.Equal(1, statistics.Errors);
        Assert.Equal(0, statistics.Open + statistics.Closed + statistics.Filtered);
    }

    [Fact]
    public void LocalFailures_WhileOtherProbesAreInFlight_AreRetriedNotGivenUp()
    {
        var results = new List<ScanPortResult>();
        using var scheduler = Scheduler([80, 81], results, window: 4096);
        var now = Stopwatch.GetTimestamp();
        Assert.True(scheduler.TryStart(now, out var busy, out var busyTimeout));

        // The other probe keeps a descriptor busy: these failures may be the scan's own pressure, so no give-up;
        // each one halves the window, until only the busy probe fits.
        var failures = 0;
        while (failures < 100 && scheduler.TryStart(now += Second, out var probe, out var timeout))
        {
            Assert.Equal(81, probe.Target.Port);
            scheduler.Finish(probe, timeout, TimeSpan.Zero, now, LocalError);
            failures++;
        }

        Assert.True(failures > ScanScheduler.MaxLocalFailures, $"{failures} failures");
        Assert.Empty(results);

        scheduler.Finish(busy, busyTimeout, TimeSpan.FromMilliseconds(1), now, ScanProbeOutcome.Failed(System.Net.Sockets.SocketError.ConnectionRefused, null));
        now += Second;
        Assert.True(scheduler.TryStart(now, out var last, out var lastTimeout));
        while (last.Kind == ProbeKind.Timing)
        {
            // Port 80 answered and the host still has work: the path is checked there now and then (not a verdict).
            scheduler.Finish(last, lastTimeout, TimeSpan.FromMilliseconds(1), now, ScanProbeOutcome.Failed(System.Net.Sockets.SocketError.ConnectionRefused, null));
            Assert.True(scheduler.TryStart(now, out last, out lastTimeout));
        }

        Assert.Equal(81, last.Target.Port);
        scheduler.Finish(last, lastTimeout, TimeSpan.FromMilliseconds(1), now, ScanProbeOutcome.Connected(selfConnect: false));

        Assert.Equal([(80, PortState.Closed), (81, PortState.Open)], results.Select(r => (r.Target.Port, r.State)).Order());
        Assert.False(scheduler.TryStart(now + Second, out _, out _));
        Assert.True(scheduler.Finished);
    }

    [Fact]
    public void LocalFailure_BacksOffBeforeTheRetry()
    {
        var results = new List<ScanPortResult>();
        using var scheduler = Scheduler([80], results);
        var now = Stopwatch.GetTimestamp();
        Assert.True(scheduler.TryStart(now, out var probe, out _));

        scheduler.FailLocally(probe, now);

        Assert.False(scheduler.TryStart(now, out _, out _));
        Assert.InRange(scheduler.NextWait(now, TimeSpan.FromSeconds(5)), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(30));
    }

    private static ScanScheduler Scheduler(int[] ports, List<ScanPortResult> results, int window = 16)
    {
        var targets = ports.Select(p => new ScanProbeTarget(0, IPAddress.Loopback, p)).ToArray();
        return new ScanScheduler(targets, new ScanOptions { MaxInflight = window, InitialWindow = window }, window, results.Add);
    }
}
