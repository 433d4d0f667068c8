using System.Diagnostics;
using Reach.Probes;

namespace Reach.Scanning.Engine;

/// <summary>
/// The decisions of a scan, apart from the sockets: what to probe next (timing probes, retries, then new work, within
/// the windows, the rate, the per-host cap and send delay), how long each probe may wait, and what an outcome means (a
/// verdict, a retry, a drop that slows the scan down). Not thread-safe: a transport calls it from one thread, or under
/// a lock. How it tells filtering from congestion: docs/scan-engine.md.
/// </summary>
internal sealed partial class ScanScheduler : IDisposable
{
    private readonly IEnumerator<ScanProbeTarget> _source;
    private readonly ScanOptions _options;
    private readonly Action<ScanPortResult> _onResult;
    private readonly RttEstimator _globalRtt;
    private readonly CongestionWindow _window;
    private readonly long _ticksPerAttempt;
    private readonly long _started = Stopwatch.GetTimestamp();

    private bool _sourceDone;
    private bool _stopped;
    private int _descriptorCap = int.MaxValue;
    private long _nextSendTicks;
    private long _open;
    private long _closed;
    private long _filtered;
    private long _errors;
    private long _attempts;
    private long _localRetries;

    public ScanScheduler(IEnumerable<ScanProbeTarget> targets, ScanOptions options, int maxInflight, Action<ScanPortResult> onResult)
    {
        _source = targets.GetEnumerator();
        _options = options;
        _onResult = onResult;
        MaxInflight = maxInflight;
        _globalRtt = new RttEstimator(options.MinTimeout, options.MaxTimeout);
        _window = new CongestionWindow(Math.Min(options.InitialWindow, maxInflight), 1, maxInflight);
        _ticksPerAttempt = options.Rate > 0 ? (long)(Stopwatch.Frequency / options.Rate) : 0;
    }

    public int MaxInflight { get; }

    public int Inflight { get; private set; }

    /// <summary>Set on cancellation: nothing new is sent; transports abandon the probes in flight (<see cref="Abandon"/>).</summary>
    public bool Stopped
    {
        get => _stopped;
        set
        {
            _stopped = value;
            if (value && _unconfirmed > 0)
            {
                ReportAllUnconfirmed(); // no timing probe will come: what was silent is reported as it stands
            }
        }
    }

    /// <summary>
    /// Changes when timeouts handed out as <see cref="PendingProbe.Provisional"/> may have become wrong (a host gave
    /// its first round trip while others of its probes wait, or the scan learnt enough round trips to stop using the
    /// initial timeout): transports then refresh those probes' deadlines with <see cref="TryRefreshTimeout"/>.
    /// </summary>
    public int TimeoutEpoch { get; private set; }

    /// <summary>
    /// The scan stopped because not even one socket could be opened with nothing else in flight: the process's own
    /// descriptors fill its open-file limit. No verdict can be had; the engine says so instead of reporting every
    /// remaining port as a local error, one backed-off retry sequence at a time.
    /// </summary>
    public bool OutOfDescriptors { get; private set; }

    public bool Finished => Inflight == 0 && (Stopped || (_sourceDone && _retries.Count == 0 && _parked == 0 && _ready.Count == 0 && _pathProbes.Count == 0 && _unconfirmed == 0));

    /// <summary>The next probe to send now, if the windows, the rate, the host's cap and its send delay allow one.</summary>
    public bool TryStart(long now, out PendingProbe probe, out TimeSpan timeout)
    {
        timeout = default;
        if (Stopped || Inflight >= _window.Size || Inflight >= MaxInflight || Inflight >= _descriptorCap || (_ticksPerAttempt > 0 && now < _nextSendTicks))
        {
            probe = default;
            return false;
        }

        if (!TryTakeNext(now, out probe))
        {
            return false;
        }

        var host = Host(probe.Target);
        timeout = TimeoutFor(probe, host, out var provisional);
        probe = probe with { SentTicks = now, PreviousSentTicks = probe.SentTicks, Provisional = provisional };
        host.Inflight++;
        Inflight++;
        _attempts++;
        if (probe.Kind == ProbeKind.Port)
        {
            host.Delay.OnSend(now);
            KeepTiming(host, probe.Target.HostIndex, now);
            SendArmedTimingProbe(host, probe.Target.HostIndex);
        }

        if (_ticksPerAttempt > 0)
        {
            _nextSendTicks = Math.Max(_nextSendTicks, now) + _ticksPerAttempt;
        }

        return true;
    }

    /// <summary>
    /// A fresh timeout for a probe in flight whose timeout was a guess (<see cref="PendingProbe.Provisional"/>), once
    /// its host (or the scan) knows better; call it when <see cref="TimeoutEpoch"/> changed.
    /// </summary>
    /// <returns>True when <paramref name="timeout"/> changed.</returns>
    public bool TryRefreshTimeout(ref PendingProbe probe, ref TimeSpan timeout)
    {
        if (!probe.Provisional || !_hosts.TryGetValue(probe.Target.HostIndex, out var host))
        {
            return false;
        }

        var fresh = TimeoutFor(probe, host, out var provisional);
        probe = probe with { Provisional = provisional };
        if (fresh == timeout)
        {
            return false;
        }

        timeout = fresh;
        return true;
    }

    /// <summary>Records what a probe got: a verdict to report, a retry, and what it says about the path.</summary>
    public void Finish(PendingProbe probe, TimeSpan timeout, TimeSpan roundTrip, long now, ScanProbeOutcome outcome)
    {
        var host = Release(probe, now);
        switch (probe.Kind)
        {
            case ProbeKind.Discovery:
                FinishDiscovery(host, probe, roundTrip, now, outcome);
                return;
            case ProbeKind.Timing:
                FinishTiming(host, probe, roundTrip, now, outcome);
                return;
        }

        if (outcome.State == PortState.Error)
        {
            RetryLater(probe, now);
            return;
        }

        if (outcome.Answered)
        {
            host.Answered = true;
            LearnRoundTrip(host, roundTrip);
            if (outcome.State is PortState.Open or PortState.Closed)
            {
                OnPortAnswer(host, probe, outcome, roundTrip, now);
            }
            else if (probe.Attempt == 1)
            {
                OnAnswer(host, roundTrip);
            }

            // An ICMP error that only a retry brought is the target's ICMP rate limit at work: the port is filtered
            // whichever way, so it neither grows the window nor counts as a drop (docs/scan-engine.md).
        }
        else if (outcome.TimedOut)
        {
            OnSilence(host);
            CountSilence(host, probe.Target.HostIndex, now);
            if (probe.Attempt < AllowedAttempts(host) && (host.Answered || _globalRtt.Samples > 0))
            {
                // Retries go first, in the order they became due.
                Retry(host, probe, now);
                return;
            }

            if (AwaitConfirmation(host, probe, now))
            {
                return;
            }
        }

        Report(probe, roundTrip, outcome);
    }

    /// <summary>
    /// The scan stopped with this probe in flight: its socket is closed and nothing is reported (an undecided port,
    /// not a filtered one). A stop does not wait out probes with long timeouts.
    /// </summary>
    public void Abandon(PendingProbe probe)
    {
        Host(probe.Target).Inflight--;
        Inflight--;
    }

    /// <summary>The probe could not be sent (no file descriptor, no buffer, no free port): not a verdict, try later.</summary>
    /// <param name="probe">The probe.</param>
    /// <param name="now">Stopwatch ticks now.</param>
    /// <param name="outOfDescriptors">The process has no file descriptor left for a socket (EMFILE, ENFILE): the
    /// probes in flight now are all its descriptors allow, and the scan keeps to that from here on.</param>
    public void FailLocally(PendingProbe probe, long now, bool outOfDescriptors = false)
    {
        var host = Release(probe, now);
        if (outOfDescriptors)
        {
            _descriptorCap = Math.Max(1, Inflight);
        }

        switch (probe.Kind)
        {
            case ProbeKind.Discovery:
                return; // only a round trip was at stake
            case ProbeKind.Timing:
                FinishTiming(host, probe, TimeSpan.Zero, now, ScanProbeOutcome.LocalFailure);
                return;
        }

        RetryLater(probe, now, outOfDescriptors);
    }

    /// <summary>How long the transport may sleep before the scheduler has something to do.</summary>
    public TimeSpan NextWait(long now, TimeSpan longest)
    {
        var wait = longest;
        if (_ticksPerAttempt > 0 && _nextSendTicks > now)
        {
            wait = Shorter(wait, _nextSendTicks - now);
        }

        if (_retries.TryPeek(out _, out var due) && due > now)
        {
            wait = Shorter(wait, due - now);
        }

        if (_wakeups.TryPeek(out _, out var wake))
        {
            wait = Shorter(wait, Math.Max(0, wake - now));
        }

        if (_timing.TryPeek(out _, out var timing))
        {
            wait = Shorter(wait, Math.Max(0, timing - now));
        }

        return wait;
    }

    public ScanStatistics Statistics() =>
        new(_open, _closed, _filtered, _attempts, _localRetries, Stopwatch.GetElapsedTime(_started))
        {
            Errors = _errors,
            Pacing = new ScanPacing(
                _drops,
                _delayRaises,
                TimeSpan.FromSeconds((double)_longestDelayTicks / Stopwatch.Frequency),
                _timingProbes,
                _timingLosses,
                _queueingHolds,
                _window.Size,
                _globalRtt.Samples > 0 ? _globalRtt.SmoothedRtt : null,
                _globalRtt.Samples > 0 ? _globalRtt.Timeout : null,
                _descriptorCap == int.MaxValue ? null : _descriptorCap),
        };

    public void Dispose() => _source.Dispose();

    private static TimeSpan Shorter(TimeSpan wait, long ticks)
    {
        var other = TimeSpan.FromSeconds((double)ticks / Stopwatch.Frequency);
        return other < wait ? other : wait;
    }

    private void Report(PendingProbe probe, TimeSpan roundTrip, ScanProbeOutcome outcome)
    {
        switch (outcome.State)
        {
            case PortState.Open:
                _open++;
                break;
            case PortState.Closed:
                _closed++;
                break;
            default:
                _filtered++;
                break;
        }

        _onResult(new ScanPortResult(probe.Target, outcome.State, outcome.Reason, outcome.Answered ? roundTrip : null, probe.Attempt));
    }

    private void Retry(HostState host, PendingProbe probe, long now)
    {
        host.Retrying++;
        _retries.Enqueue(probe with { Attempt = probe.Attempt + 1 }, now);
    }

    private HostState Release(PendingProbe probe, long now)
    {
        var host = Host(probe.Target);
        host.Inflight--;
        Inflight--;
        Wake(host, now);
        if (host.Unconfirmed is { Count: > 0 })
        {
            SendTimingIfIdle(host, probe.Target.HostIndex, now);
        }

        return host;
    }

    /// <summary>
    /// The timeout of an attempt: from the host's own round trips when it has answered; else from the scan's, once it
    /// has a few samples; else the initial timeout (a guess: <paramref name="provisional"/>). A retry backs the estimate
    /// off twice (four times from the second retry on), within the floor and the ceiling.
    /// </summary>
    private TimeSpan TimeoutFor(PendingProbe probe, HostState host, out bool provisional)
    {
        provisional = false;
        if (_options.FixedTimeout is { } fixedTimeout)
        {
            return fixedTimeout;
        }

        var factor = 1 << Math.Clamp(probe.Attempt - 1, 0, 2);
        if (host.Rtt.Samples > 0)
        {
            return host.Rtt.BackedOff(factor);
        }

        provisional = true;
        if (_globalRtt.Samples >= GlobalSamplesForTimeouts)
        {
            return _globalRtt.BackedOff(factor);
        }

        return TimeSpan.FromTicks(Math.Min(_options.InitialTimeout.Ticks * factor, Math.Max(_options.InitialTimeout.Ticks, _options.MaxTimeout.Ticks)));
    }
}
