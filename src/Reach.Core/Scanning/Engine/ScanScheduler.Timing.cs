using System.Diagnostics;
using Reach.Probes;

namespace Reach.Scanning.Engine;

/// <summary>
/// Timing probes, as nmap sends them: while a host is being scanned and gives no open or closed answer (a default-deny
/// host answers almost nothing), a probe to a port of that host known to answer checks the path. Its answer is a
/// round trip; its loss is a drop, the signal a silent host cannot give otherwise: a rate limiter or an IPS in front
/// of a firewalled host shows itself there, not on the filtered ports. One is due after four of the host's timeouts
/// without an answer, or sooner, after a run of silent ports: 64 at first, doubling with every timing probe that
/// comes back (up to 4,096), back to 64 after a lost one. A silent host is checked early, while a flood could still
/// hide an open port behind a limiter, and rarely once its path has proven sound.
/// </summary>
internal sealed partial class ScanScheduler
{
    private static readonly long MinTimingInterval = Stopwatch.Frequency / 10;
    private static readonly long MaxTimingInterval = Stopwatch.Frequency;
    private const int FirstSilenceRun = 64;
    private const int LongestSilenceRun = 4096;

    private readonly PriorityQueue<long, long> _timing = new();
    private int _unconfirmed;
    private long _timingProbes;
    private long _timingLosses;

    /// <summary>Four of the host's timeouts, between 100 ms and 1 s.</summary>
    private static long TimingInterval(HostState host) =>
        Math.Clamp((long)(host.Rtt.Timeout.TotalSeconds * 4 * Stopwatch.Frequency), MinTimingInterval, MaxTimingInterval);

    /// <summary>Closed ports are the best timing ports (an RST costs the host nothing); an open one will do.</summary>
    private void RememberTimingPort(HostState host, ScanProbeTarget target, PortState state, long now)
    {
        var closed = state == PortState.Closed;
        if (host.TimingPort == 0 || (closed && !host.TimingPortIsClosed))
        {
            host.TimingPort = target.Port;
            host.TimingPortIsClosed = closed;
        }

        KeepTiming(host, target.HostIndex, now);
    }

    /// <summary>Schedules the host's next timing check while it has work and a port to time with.</summary>
    private void KeepTiming(HostState host, long hostIndex, long now)
    {
        if (host.TimingPort != 0 && host.TimingDue == 0 && host.Active)
        {
            ScheduleTiming(host, hostIndex, now + TimingInterval(host));
        }
    }

    private void ScheduleTiming(HostState host, long hostIndex, long due)
    {
        host.TimingDue = due;
        _timing.Enqueue(hostIndex, due);
    }

    private bool TryTakeTimingProbe(long now, out PendingProbe probe)
    {
        while (_timing.TryPeek(out var hostIndex, out var due) && due <= now)
        {
            _timing.Dequeue();
            if (!_hosts.TryGetValue(hostIndex, out var host) || host.TimingDue != due)
            {
                continue; // a stale entry
            }

            host.TimingDue = 0;
            if (!host.Active || host.TimingPort == 0)
            {
                continue; // scheduled again by the host's next probe
            }

            var interval = TimingInterval(host);
            var silentRun = host.SilentSinceTiming >= host.TimingSilenceRun;
            if (host.TimingInFlight || (now - host.LastAnswerTicks < interval && !silentRun))
            {
                // The scan's own answers show the path works: no timing probe needed yet.
                ScheduleTiming(host, hostIndex, Math.Max(now, host.LastAnswerTicks) + interval);
                continue;
            }

            ScheduleTiming(host, hostIndex, now + interval);
            if (host.TimingArmedAt == 0)
            {
                // Sent amid the host's own probes, not ahead of them: a rate limiter lets the first SYNs of every burst
                // through, so a timing probe at the head of a burst would pass while the rest of it is dropped.
                host.TimingArmedAt = host.ProbesSent + Math.Clamp(host.Window.Size / 2, 1, 512);
                continue;
            }

            // Armed an interval ago and the host sent nothing since (or it has nothing left in flight): go now.
            probe = TimingProbe(host, hostIndex);
            return true;
        }

        probe = default;
        return false;
    }

    /// <summary>After a port probe of the host: the armed timing probe goes next once enough of them went out.</summary>
    private void SendArmedTimingProbe(HostState host, long hostIndex)
    {
        host.ProbesSent++;
        if (host.TimingArmedAt != 0 && host.ProbesSent >= host.TimingArmedAt && !host.TimingInFlight && host.TimingPort != 0)
        {
            _pathProbes.Enqueue(TimingProbe(host, hostIndex));
        }
    }

    private PendingProbe TimingProbe(HostState host, long hostIndex)
    {
        host.TimingArmedAt = 0;
        host.TimingInFlight = true;
        host.SilentSinceTiming = 0;
        _timingProbes++;
        return new PendingProbe(new ScanProbeTarget(hostIndex, host.Address, host.TimingPort), 1, ProbeKind.Timing);
    }

    private void FinishTiming(HostState host, PendingProbe probe, TimeSpan roundTrip, long now, ScanProbeOutcome outcome)
    {
        host.TimingInFlight = false;
        if (outcome.State is PortState.Open or PortState.Closed && outcome.Reason != ProbeReason.SelfConnect)
        {
            host.LastAnswerTicks = now;
            host.TimingSilenceRun = Math.Min(host.TimingSilenceRun * 2, LongestSilenceRun);
            LearnRoundTrip(host, roundTrip);
            OnAnswer(host, roundTrip);
        }
        else if (outcome.TimedOut)
        {
            _timingLosses++;
            host.TimingSilenceRun = FirstSilenceRun;
            OnDrop(host, probe.Target.HostIndex, probe.SentTicks, now);
        }
        else if (outcome.State != PortState.Error)
        {
            host.TimingPort = 0; // the port no longer answers as it did (an ICMP error now): stop timing with it
        }

        SettleUnconfirmed(host, probe, outcome, now);
    }

    /// <summary>
    /// A silent port out of attempts on a host with a timing port is not reported yet: it waits for the host's next
    /// timing probe. Silence is filtering only while the path is known to work.
    /// </summary>
    private bool AwaitConfirmation(HostState host, PendingProbe probe, long now)
    {
        if (host.TimingPort == 0 || Stopped)
        {
            return false;
        }

        (host.Unconfirmed ??= new Queue<PendingProbe>()).Enqueue(probe);
        _unconfirmed++;
        SendTimingIfIdle(host, probe.Target.HostIndex, now);
        return true;
    }

    /// <summary>A host with nothing left to send but unconfirmed ports: its timing probe goes now, not at its interval.</summary>
    private void SendTimingIfIdle(HostState host, long hostIndex, long now)
    {
        if (host.Idle && host.Unconfirmed is { Count: > 0 } && !host.TimingInFlight && host.TimingPort != 0 && !Stopped)
        {
            _pathProbes.Enqueue(TimingProbe(host, hostIndex));
        }
        else
        {
            KeepTiming(host, hostIndex, now);
        }
    }

    /// <summary>
    /// What a timing probe says of the ports waiting for it: an answer confirms the ports whose last attempt went
    /// before it (filtered); a loss gives them one more attempt, up to the maximum; anything else (no timing port
    /// left, a local error) cannot verify them, and they are reported as they stand.
    /// </summary>
    private void SettleUnconfirmed(HostState host, PendingProbe timing, ScanProbeOutcome outcome, long now)
    {
        if (host.Unconfirmed is not { Count: > 0 } waiting)
        {
            return;
        }

        for (var count = waiting.Count; count > 0; count--)
        {
            var probe = waiting.Dequeue();
            if (probe.SentTicks >= timing.SentTicks && host.TimingPort != 0)
            {
                waiting.Enqueue(probe); // sent after this timing probe: the next one decides
                continue;
            }

            _unconfirmed--;
            if (outcome.TimedOut && probe.Attempt <= _options.MaxRetries && host.TimingPort != 0)
            {
                Retry(host, probe, now);
            }
            else
            {
                Report(probe, TimeSpan.Zero, ScanProbeOutcome.Timeout); // confirmed, out of attempts, or unverifiable
            }
        }

        SendTimingIfIdle(host, timing.Target.HostIndex, now);
    }

    private void ReportAllUnconfirmed()
    {
        foreach (var host in _hosts.Values)
        {
            while (host.Unconfirmed is { Count: > 0 } waiting)
            {
                _unconfirmed--;
                Report(waiting.Dequeue(), TimeSpan.Zero, ScanProbeOutcome.Timeout);
            }
        }
    }

    /// <summary>A port of the host timed out: after a run of them, check the path now rather than at the next interval.</summary>
    private void CountSilence(HostState host, long hostIndex, long now)
    {
        host.SilentSinceTiming++;
        if (host.TimingPort != 0 && !host.TimingInFlight && host.SilentSinceTiming >= host.TimingSilenceRun && host.TimingDue > now)
        {
            ScheduleTiming(host, hostIndex, now);
        }
    }
}
