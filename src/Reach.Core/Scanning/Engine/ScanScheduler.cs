using System.Diagnostics;
using Reach.Probes;

namespace Reach.Scanning.Engine;

/// <summary>
/// The decisions of a scan, apart from the sockets: what to probe next (retries first, then new work, within the
/// window, the rate and the per-host cap), how long each probe may wait, and what an outcome means (a verdict, a
/// retry, a loss that shrinks the window). Not thread-safe: a transport calls it from one thread, or under a lock.
/// </summary>
internal sealed class ScanScheduler : IDisposable
{
    private const int MaxHostStates = 1 << 20;

    /// <summary>How far timeouts on silent hosts may open the window (see <see cref="CongestionWindow.OnSilence"/>).</summary>
    private const int SilentWindowCap = 1024;
    /// <summary>
    /// Local failures (EMFILE, ENOBUFS, EADDRNOTAVAIL...) are retried with a growing pause. While other probes of the
    /// scan are in flight they may be our own pressure and go away as those finish; a probe that has failed this many
    /// times and fails again with nothing else in flight (a local firewall rule, an address this host cannot send to)
    /// is reported as <c>error/local-error</c>, so the scan always ends and never guesses a verdict.
    /// </summary>
    internal const int MaxLocalFailures = 6;
    private static readonly TimeSpan LocalErrorBackoff = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MaxLocalErrorBackoff = TimeSpan.FromMilliseconds(500);

    private readonly IEnumerator<ScanProbeTarget> _source;
    private readonly ScanOptions _options;
    private readonly Action<ScanPortResult> _onResult;
    private readonly PriorityQueue<PendingProbe, long> _retries = new();
    private readonly Queue<PendingProbe> _ready = new();
    private readonly Queue<PendingProbe> _discoveries = new();
    private readonly Dictionary<long, HostState> _hosts = [];
    private readonly RttEstimator _globalRtt;
    private readonly CongestionWindow _window;
    private readonly long _ticksPerAttempt;
    private readonly long _started = Stopwatch.GetTimestamp();

    private bool _sourceDone;
    private int _parked;
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

    /// <summary>Set on cancellation: nothing new is sent; probes in flight still finish.</summary>
    public bool Stopped { get; set; }

    public bool Finished => Inflight == 0 && (Stopped || (_sourceDone && _retries.Count == 0 && _parked == 0 && _ready.Count == 0 && _discoveries.Count == 0));

    /// <summary>The next probe to send now, if the window, the rate and the host's cap allow one.</summary>
    public bool TryStart(long now, out PendingProbe probe, out TimeSpan timeout)
    {
        timeout = default;
        if (Stopped || Inflight >= _window.Size || Inflight >= MaxInflight || (_ticksPerAttempt > 0 && now < _nextSendTicks))
        {
            probe = default;
            return false;
        }

        if (!TryTakeNext(now, out probe))
        {
            return false;
        }

        var host = Host(probe.Target.HostIndex);
        timeout = TimeoutFor(probe, host);
        host.Inflight++;
        Inflight++;
        _attempts++;
        if (_ticksPerAttempt > 0)
        {
            _nextSendTicks = Math.Max(_nextSendTicks, now) + _ticksPerAttempt;
        }

        return true;
    }

    /// <summary>Records what a probe got: a verdict to report, or a retry.</summary>
    public void Finish(PendingProbe probe, TimeSpan timeout, TimeSpan roundTrip, long now, ProbeOutcome outcome)
    {
        var host = Release(probe);
        if (outcome.State == PortState.Error)
        {
            RetryLater(probe, now);
            return;
        }

        if (probe.IsDiscovery)
        {
            // Only there to learn the round trip: never reported, never retried.
            host.Discovery = DiscoveryState.Done;
            if (outcome.Answered)
            {
                host.Answered = true;
                host.Rtt.Add(roundTrip);
                _globalRtt.Add(roundTrip);
            }

            Wake(host);
            return;
        }

        if (outcome.Answered)
        {
            host.Answered = true;
            host.Rtt.Add(roundTrip);
            _globalRtt.Add(roundTrip);
            _window.OnAnswer();
        }
        else if (outcome.TimedOut)
        {
            if (host.Answered)
            {
                // The host answers, yet this probe was lost: congestion, as TCP would see it.
                var rttTicks = (long)(host.Rtt.SmoothedRtt.TotalSeconds * Stopwatch.Frequency);
                _window.OnLoss(now, Math.Max(rttTicks, Stopwatch.Frequency / 100));
            }
            else
            {
                _window.OnSilence(SilentWindowCap);
            }

            // Silence is retried only where something answered (this host, or others in the scan): a dead host
            // would only be timed out twice.
            if (probe.Attempt <= _options.Retries && (host.Answered || _globalRtt.Samples > 0))
            {
                var next = TimeSpan.FromTicks(Math.Min(timeout.Ticks * 2, _options.MaxTimeout.Ticks));
                _retries.Enqueue(probe with { Attempt = probe.Attempt + 1, Timeout = _options.FixedTimeout ?? next }, now);
                return;
            }
        }

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

    /// <summary>The probe could not be sent (no file descriptor, no buffer, no free port): not a verdict, try later.</summary>
    public void FailLocally(PendingProbe probe, long now)
    {
        Release(probe);
        RetryLater(probe, now);
    }

    /// <summary>How long the transport may sleep before the scheduler has something to do.</summary>
    public TimeSpan NextWait(long now, TimeSpan longest)
    {
        var wait = longest;
        if (_ticksPerAttempt > 0 && _nextSendTicks > now)
        {
            var untilNextSend = TimeSpan.FromSeconds((double)(_nextSendTicks - now) / Stopwatch.Frequency);
            wait = untilNextSend < wait ? untilNextSend : wait;
        }

        if (_retries.TryPeek(out _, out var due) && due > now)
        {
            var untilRetry = TimeSpan.FromSeconds((double)(due - now) / Stopwatch.Frequency);
            wait = untilRetry < wait ? untilRetry : wait;
        }

        return wait;
    }

    public ScanStatistics Statistics() =>
        new(_open, _closed, _filtered, _attempts, _localRetries, Stopwatch.GetElapsedTime(_started)) { Errors = _errors };

    public void Dispose() => _source.Dispose();

    private HostState Release(PendingProbe probe)
    {
        var host = Host(probe.Target.HostIndex);
        host.Inflight--;
        Inflight--;
        Wake(host);
        return host;
    }

    /// <summary>Parks a probe on its host until the host may take it: no queue is ever walked per probe.</summary>
    private void Park(PendingProbe probe)
    {
        var host = Host(probe.Target.HostIndex);
        (host.Waiting ??= new Queue<PendingProbe>()).Enqueue(probe);
        _parked++;
    }

    /// <summary>Moves as many of the host's parked probes as it may take now to the ready queue.</summary>
    private void Wake(HostState host)
    {
        if (host.Waiting is not { Count: > 0 } waiting || host.Discovery == DiscoveryState.Pending)
        {
            return;
        }

        var room = _options.MaxPerHost > 0 ? _options.MaxPerHost - host.Inflight : waiting.Count;
        for (; room > 0 && waiting.Count > 0; room--)
        {
            _ready.Enqueue(waiting.Dequeue());
            _parked--;
        }
    }

    private void RetryLater(PendingProbe probe, long now)
    {
        _localRetries++;
        _window.OnLocalPressure();
        var failures = probe.LocalFailures + 1;
        if (failures >= MaxLocalFailures && Inflight == 0)
        {
            GiveUpLocally(probe);
            return;
        }

        var pause = Math.Min(LocalErrorBackoff.Ticks << Math.Min(failures - 1, 8), MaxLocalErrorBackoff.Ticks);
        _retries.Enqueue(probe with { LocalFailures = failures }, now + (long)(TimeSpan.FromTicks(pause).TotalSeconds * Stopwatch.Frequency));
    }

    /// <summary>This host cannot send the probe at all: say so (<c>error/local-error</c>), which is no verdict on the target.</summary>
    private void GiveUpLocally(PendingProbe probe)
    {
        if (probe.IsDiscovery)
        {
            // The round trip stays unknown; the host's own probes go ahead with the scan's timeouts.
            var host = Host(probe.Target.HostIndex);
            host.Discovery = DiscoveryState.Done;
            Wake(host);
            return;
        }

        _errors++;
        _onResult(new ScanPortResult(probe.Target, PortState.Error, ProbeReason.LocalError, null, probe.Attempt));
    }

    private bool TryTakeNext(long now, out PendingProbe probe)
    {
        while (true)
        {
            if (_discoveries.TryDequeue(out probe))
            {
                return true;
            }

            // Due retries, then probes their hosts have become ready for, then new work. A probe that may not go
            // yet is parked on its host (and may queue the host's discovery probe, taken first on the next turn).
            if (_retries.TryPeek(out probe, out var due) && due <= now)
            {
                _retries.Dequeue();
            }
            else if (!_ready.TryDequeue(out probe) && !TryPull(out probe))
            {
                return false;
            }

            if (Admit(probe))
            {
                return true;
            }

            Park(probe);
        }
    }

    /// <summary>
    /// New work from the scan order, only while the parked backlog is small: a saturated host must not make us
    /// read the whole target space into memory.
    /// </summary>
    private bool TryPull(out PendingProbe probe)
    {
        probe = default;
        if (_sourceDone || _parked + _ready.Count >= Math.Max(64, _window.Size))
        {
            return false;
        }

        if (!_source.MoveNext())
        {
            _sourceDone = true;
            return false;
        }

        probe = new PendingProbe(_source.Current, 1, null);
        return true;
    }

    /// <summary>
    /// Whether a probe may go now. With a discovery port, a host's first contact queues its discovery probe
    /// instead, and the host's real probes wait until that has come back; then the per-host cap applies.
    /// </summary>
    private bool Admit(PendingProbe probe)
    {
        if (probe.IsDiscovery)
        {
            return true; // one per host, and what its parked probes wait for: never parked itself
        }

        var target = probe.Target;
        _hosts.TryGetValue(target.HostIndex, out var host);
        if (_options.DiscoveryPort is { } discoveryPort && _options.FixedTimeout is null)
        {
            host ??= Host(target.HostIndex);
            switch (host.Discovery)
            {
                case DiscoveryState.NotSent:
                    host.Discovery = DiscoveryState.Pending;
                    _discoveries.Enqueue(new PendingProbe(target with { Port = discoveryPort }, 1, null, IsDiscovery: true));
                    return false;
                case DiscoveryState.Pending:
                    return false;
            }
        }

        return _options.MaxPerHost <= 0 || host is null || host.Inflight < _options.MaxPerHost;
    }

    private HostState Host(long hostIndex)
    {
        if (!_hosts.TryGetValue(hostIndex, out var host))
        {
            if (_hosts.Count >= MaxHostStates)
            {
                PruneIdleHosts();
            }

            host = new HostState(_options.MinTimeout, _options.MaxTimeout);
            _hosts.Add(hostIndex, host);
        }

        return host;
    }

    private void PruneIdleHosts()
    {
        foreach (var (index, host) in _hosts)
        {
            if (host.Inflight == 0 && host.Waiting is not { Count: > 0 } && host.Discovery != DiscoveryState.Pending)
            {
                _hosts.Remove(index);
            }
        }
    }

    private TimeSpan TimeoutFor(PendingProbe probe, HostState host)
    {
        if (_options.FixedTimeout is { } fixedTimeout)
        {
            return fixedTimeout;
        }

        if (probe.Timeout is { } retryTimeout)
        {
            return retryTimeout;
        }

        // Learn from the host itself, else from the other hosts of this scan, else start cautious.
        if (host.Rtt.Samples > 0)
        {
            return host.Rtt.Timeout;
        }

        return _globalRtt.Samples >= 4 ? _globalRtt.Timeout : _options.InitialTimeout;
    }
}
