using System.Diagnostics;
using Reach.Probes;

namespace Reach.Scanning.Engine;

/// <summary>
/// Timing probes, as nmap sends them: while a host is being scanned and has given no open or closed answer for a
/// while (a default-deny host answers almost nothing), a probe to a port of that host known to answer checks the
/// path. Its answer is a round trip; its loss is a drop, the signal a silent host cannot give otherwise: a rate
/// limiter or an IPS in front of a firewalled host shows itself there, not on the filtered ports.
/// </summary>
internal sealed partial class ScanScheduler
{
    private static readonly long MinTimingInterval = Stopwatch.Frequency / 10;
    private static readonly long MaxTimingInterval = Stopwatch.Frequency;

    private readonly PriorityQueue<long, long> _timing = new();
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
            if (host.TimingInFlight || now - host.LastAnswerTicks < interval)
            {
                // The scan's own answers show the path works: no timing probe needed yet.
                ScheduleTiming(host, hostIndex, Math.Max(now, host.LastAnswerTicks) + interval);
                continue;
            }

            ScheduleTiming(host, hostIndex, now + interval);
            host.TimingInFlight = true;
            _timingProbes++;
            probe = new PendingProbe(new ScanProbeTarget(hostIndex, host.Address, host.TimingPort), 1, ProbeKind.Timing);
            return true;
        }

        probe = default;
        return false;
    }

    private void FinishTiming(HostState host, PendingProbe probe, TimeSpan roundTrip, long now, ProbeOutcome outcome)
    {
        host.TimingInFlight = false;
        if (outcome.State is PortState.Open or PortState.Closed && outcome.Reason != ProbeReason.SelfConnect)
        {
            host.LastAnswerTicks = now;
            LearnRoundTrip(host, roundTrip);
            OnAnswer(host, roundTrip);
        }
        else if (outcome.TimedOut)
        {
            _timingLosses++;
            OnDrop(host, probe.Target.HostIndex, probe.SentTicks, now);
        }
        else if (outcome.State != PortState.Error)
        {
            host.TimingPort = 0; // the port no longer answers as it did (an ICMP error now): stop timing with it
        }
    }
}
