using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reach.Probes;
using Reach.Scanning;
using Reach.Scanning.Engine;

namespace Reach.Core.Tests.Scanning.Engine;

/// <summary>
/// A silent port out of attempts on a host that answered elsewhere is reported only once a timing probe sent after its
/// last attempt has come back: its loss buys the port another attempt; a stop reports what is pending as it stands.
/// </summary>
public class ScanSchedulerConfirmationTests
{
    private static readonly long Second = Stopwatch.Frequency;
    private static readonly ScanProbeOutcome Refused = ScanProbeOutcome.Failed(SocketError.ConnectionRefused, null);

    [Fact]
    public void SilentPort_IsFilteredOnlyAfterATimingProbeComesBack()
    {
        var (scheduler, results) = Scheduler();
        var now = Second * 1000;
        var silent = SilentPortOutOfAttempts(scheduler, ref now);
        Assert.DoesNotContain(results, r => r.Target.Port == silent); // not yet: nothing shows the path worked after its last attempt

        Assert.True(scheduler.TryStart(now, out var timing, out var timeout));
        Assert.Equal((ProbeKind.Timing, 80), (timing.Kind, timing.Target.Port));
        scheduler.Finish(timing, timeout, TimeSpan.FromMilliseconds(1), now, Refused);

        var result = Assert.Single(results, r => r.Target.Port == silent);
        Assert.Equal((silent, PortState.Filtered, ProbeReason.NoResponse, 2), (result.Target.Port, result.State, result.Reason, result.Attempts));
        Assert.False(scheduler.TryStart(now, out _, out _));
        Assert.True(scheduler.Finished);
    }

    [Fact]
    public void SilentPort_WhoseTimingProbeIsLost_GetsAnotherAttempt()
    {
        var (scheduler, results) = Scheduler();
        var now = Second * 1000;
        var silent = SilentPortOutOfAttempts(scheduler, ref now);

        Assert.True(scheduler.TryStart(now, out var timing, out var timeout));
        now += Second;
        scheduler.Finish(timing, timeout, timeout, now, ScanProbeOutcome.Timeout);

        Assert.DoesNotContain(results, r => r.Target.Port == silent);
        Assert.True(scheduler.TryStart(now, out var retry, out _));
        Assert.Equal((silent, 3), (retry.Target.Port, retry.Attempt));
        Assert.Equal(1, scheduler.Statistics().Pacing!.TimingLosses);
    }

    [Fact]
    public void Stop_ReportsPendingSilentPortsAsTheyStand()
    {
        var (scheduler, results) = Scheduler();
        var now = Second * 1000;
        var silent = SilentPortOutOfAttempts(scheduler, ref now);

        scheduler.Stopped = true;

        var result = Assert.Single(results, r => r.Target.Port == silent);
        Assert.Equal((silent, PortState.Filtered), (result.Target.Port, result.State));
        Assert.True(scheduler.Finished);
    }

    private static (ScanScheduler Scheduler, List<ScanPortResult> Results) Scheduler()
    {
        var results = new List<ScanPortResult>();
        ScanProbeTarget[] targets = [new(0, IPAddress.Loopback, 80), new(0, IPAddress.Loopback, 81)];
        return (new ScanScheduler(targets, new ScanOptions(), 16, results.Add), results);
    }

    /// <summary>Port 80 answers RST (the host's timing port), port 81 stays silent twice; returns 81.</summary>
    private static int SilentPortOutOfAttempts(ScanScheduler scheduler, ref long now)
    {
        Assert.True(scheduler.TryStart(now, out var closed, out var closedTimeout));
        Assert.True(scheduler.TryStart(now, out var silent, out var silentTimeout));
        scheduler.Finish(closed, closedTimeout, TimeSpan.FromMilliseconds(1), now, Refused);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            now += Second;
            scheduler.Finish(silent, silentTimeout, silentTimeout, now, ScanProbeOutcome.Timeout);
            if (attempt == 1)
            {
                Assert.True(scheduler.TryStart(now, out silent, out silentTimeout));
                Assert.Equal(2, silent.Attempt);
            }
        }

        return silent.Target.Port;
    }
}
