using Reach.Probes;

namespace Reach.Scanning.Engine;

/// <summary>
/// How answers and silence pace the scan. Congestion (drops: an answer that only a retry brought, a lost timing
/// probe) halves the host's window, raises its send delay when drops are many, and halves the scan's window when
/// several hosts drop; silence that nothing explains is filtering and never slows anything down.
/// </summary>
internal sealed partial class ScanScheduler
{
    /// <summary>How far timeouts nothing explains may open a window (see <see cref="CongestionWindow.OnSilence"/>).</summary>
    private const int SilentWindowCap = 1024;

    /// <summary>Round-trip samples the scan needs before its estimate replaces the initial timeout for new hosts.</summary>
    private const int GlobalSamplesForTimeouts = 4;

    /// <summary>Drops on two different hosts within this time halve the scan's window too: a shared bottleneck.</summary>
    private static readonly long SharedDropTicks = System.Diagnostics.Stopwatch.Frequency;

    private long _drops;
    private long _queueingHolds;
    private long _delayRaises;
    private long _longestDelayTicks;
    private long _lastDropHost = -1;
    private long _lastDropTicks = long.MinValue;

    /// <summary>
    /// Attempts a silent port gets on this host: the configured retries, and one more than the highest attempt that
    /// ever drew an answer there (nmap's rule: a lossy or rate-limited path needs them), at most the configured
    /// maximum. A lost timing probe gives the ports it could not confirm one more (<see cref="FinishTiming"/>).
    /// </summary>
    private int AllowedAttempts(HostState host) =>
        1 + Math.Min(_options.MaxRetries, Math.Max(_options.Retries, host.MaxAnsweredAttempt));

    private void LearnRoundTrip(HostState host, TimeSpan roundTrip)
    {
        var first = host.Rtt.Samples == 0;
        host.Rtt.Add(roundTrip);
        _globalRtt.Add(roundTrip);

        // Probes in flight on a guessed timeout: the host's first round trip, or the scan's first few, replace it.
        if ((first && host.Inflight > 0) || _globalRtt.Samples == GlobalSamplesForTimeouts)
        {
            TimeoutEpoch++;
        }
    }

    /// <summary>An open or closed answer to a port of the scan.</summary>
    private void OnPortAnswer(HostState host, PendingProbe probe, ScanProbeOutcome outcome, TimeSpan roundTrip, long now)
    {
        host.LastAnswerTicks = now;
        host.MaxAnsweredAttempt = Math.Max(host.MaxAnsweredAttempt, probe.Attempt);
        if (outcome.Reason != ProbeReason.SelfConnect)
        {
            RememberTimingPort(host, probe.Target, outcome.State, now);
        }

        if (probe.Attempt > 1)
        {
            // The earlier attempt was lost on the way: the one signal of congestion that a silent port can give.
            OnDrop(host, probe.Target.HostIndex, probe.PreviousSentTicks, now);
        }
        else
        {
            OnAnswer(host, roundTrip);
        }
    }

    /// <summary>
    /// An answer at the first try: the windows grow, except the host's while its round trips show a filling queue
    /// (the scan keeps its pace there until the queue drains, or a drop halves it).
    /// </summary>
    private void OnAnswer(HostState host, TimeSpan roundTrip)
    {
        if (host.Rtt.ShowsQueueing(roundTrip))
        {
            _queueingHolds++;
        }
        else
        {
            host.Window.OnAnswer();
        }

        host.Delay.OnAnswer();
        _window.OnAnswer();
    }

    private void OnSilence(HostState host)
    {
        host.Window.OnSilence(SilentWindowCap);
        _window.OnSilence(SilentWindowCap);
    }

    /// <summary>
    /// A probe that should have drawn an answer was lost. The host slows down (its window halves; many drops raise
    /// its send delay). The scan's window halves only when drops come from more than one host: one rate-limited
    /// host among many must not slow the others, a congested link in front of all of them must.
    /// </summary>
    private void OnDrop(HostState host, long hostIndex, long lostSentTicks, long now)
    {
        _drops++;
        host.Window.OnDrop(lostSentTicks, now);
        if (host.Delay.OnDrop(lostSentTicks, now))
        {
            _delayRaises++;
            _longestDelayTicks = Math.Max(_longestDelayTicks, host.Delay.Ticks);
        }

        if (_lastDropHost != hostIndex && _lastDropHost >= 0 && now - _lastDropTicks < SharedDropTicks)
        {
            _window.OnDrop(lostSentTicks, now);
        }

        _lastDropHost = hostIndex;
        _lastDropTicks = now;
    }

    private void FinishDiscovery(HostState host, PendingProbe probe, TimeSpan roundTrip, long now, ScanProbeOutcome outcome)
    {
        // Only there to learn the round trip (and a port for timing probes): never reported, never retried.
        if (!outcome.Answered)
        {
            return;
        }

        host.Answered = true;
        LearnRoundTrip(host, roundTrip);
        if (outcome.State is PortState.Open or PortState.Closed && outcome.Reason != ProbeReason.SelfConnect)
        {
            host.LastAnswerTicks = now;
            RememberTimingPort(host, probe.Target, outcome.State, now);
        }
    }
}
