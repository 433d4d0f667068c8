using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Reach.Platform;
using Reach.Probes;

namespace Reach.Scanning.Engine;

/// <summary>
/// One scan in progress. A scheduler loop launches probes while the window, the rate and the per-host cap allow,
/// and times out probes that waited too long; completions arrive on socket threads. All state is guarded by one
/// lock: the work under it is a few field updates per probe.
/// </summary>
internal sealed class ScanRun : IDisposable
{
    private const int MaxHostStates = 1 << 20;
    private static readonly TimeSpan SchedulerTick = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan LocalErrorBackoff = TimeSpan.FromMilliseconds(20);

    private readonly Lock _gate = new();
    private readonly IEnumerator<ScanProbeTarget> _source;
    private readonly ScanOptions _options;
    private readonly int _maxInflight;
    private readonly ISocketErrorQueue _errorQueue;
    private readonly ChannelWriter<ScanPortResult> _results;
    private readonly ProbeSlot[] _slots;
    private readonly Stack<ProbeSlot> _free;
    private readonly PriorityQueue<PendingProbe, long> _retries = new();
    private readonly Queue<PendingProbe> _deferred = new();
    private readonly Dictionary<long, HostState> _hosts = [];
    private readonly RttEstimator _globalRtt;
    private readonly CongestionWindow _window;
    private readonly SemaphoreSlim _wake = new(0);
    private readonly long _ticksPerAttempt;
    private readonly long _started = Stopwatch.GetTimestamp();

    private bool _sourceDone;
    private int _inflight;
    private long _nextSendTicks;
    private long _earliestDeadline = long.MaxValue;
    private long _open;
    private long _closed;
    private long _filtered;
    private long _attempts;
    private long _localRetries;

    public ScanRun(IEnumerable<ScanProbeTarget> targets, ScanOptions options, int maxInflight, ISocketErrorQueue errorQueue, ChannelWriter<ScanPortResult> results)
    {
        _source = targets.GetEnumerator();
        _options = options;
        _maxInflight = maxInflight;
        _errorQueue = errorQueue;
        _results = results;
        _globalRtt = new RttEstimator(options.MinTimeout, options.MaxTimeout);
        _window = new CongestionWindow(Math.Min(options.InitialWindow, maxInflight), 1, maxInflight);
        _ticksPerAttempt = options.Rate > 0 ? (long)(Stopwatch.Frequency / options.Rate) : 0;
        _slots = new ProbeSlot[maxInflight];
        _free = new Stack<ProbeSlot>(maxInflight);
        for (var i = maxInflight - 1; i >= 0; i--)
        {
            _slots[i] = new ProbeSlot(OnCompleted);
            _free.Push(_slots[i]);
        }
    }

    public async Task<ScanStatistics> RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = Stopwatch.GetTimestamp();
                if (!cancellationToken.IsCancellationRequested)
                {
                    Launch(now);
                }

                ExpireTimeouts(now);
                var finished = _inflight == 0 && (cancellationToken.IsCancellationRequested || (_sourceDone && _retries.Count == 0 && _deferred.Count == 0));
                if (finished)
                {
                    break;
                }

                wait = NextWait(now);
            }

            await _wake.WaitAsync(wait, CancellationToken.None).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return new ScanStatistics(_open, _closed, _filtered, _attempts, _localRetries, Stopwatch.GetElapsedTime(_started));
    }

    public void Dispose()
    {
        foreach (var slot in _slots)
        {
            slot.Dispose();
        }

        _source.Dispose();
        _wake.Dispose();
    }

    private TimeSpan NextWait(long now)
    {
        var wait = SchedulerTick;
        if (_earliestDeadline != long.MaxValue && _earliestDeadline > now)
        {
            var untilDeadline = TimeSpan.FromSeconds((double)(_earliestDeadline - now) / Stopwatch.Frequency);
            wait = untilDeadline < wait ? untilDeadline : wait;
        }

        if (_ticksPerAttempt > 0 && _nextSendTicks > now)
        {
            var untilNextSend = TimeSpan.FromSeconds((double)(_nextSendTicks - now) / Stopwatch.Frequency);
            wait = untilNextSend < wait ? untilNextSend : wait;
        }

        return wait;
    }

    private void Launch(long now)
    {
        while (_inflight < _window.Size && _free.Count > 0)
        {
            if (_ticksPerAttempt > 0 && now < _nextSendTicks)
            {
                return;
            }

            if (!TryTakeNext(now, out var probe))
            {
                return;
            }

            Start(probe, now);
            if (_ticksPerAttempt > 0)
            {
                _nextSendTicks = Math.Max(_nextSendTicks, now) + _ticksPerAttempt;
            }
        }
    }

    private bool TryTakeNext(long now, out PendingProbe probe)
    {
        while (_retries.TryPeek(out probe, out var due) && due <= now)
        {
            _retries.Dequeue();
            if (HasRoom(probe.Target.HostIndex))
            {
                return true;
            }

            _deferred.Enqueue(probe);
        }

        for (var i = _deferred.Count; i > 0; i--)
        {
            probe = _deferred.Dequeue();
            if (HasRoom(probe.Target.HostIndex))
            {
                return true;
            }

            _deferred.Enqueue(probe);
        }

        // Pull new work only while the deferred backlog is small: a saturated host must not make us read the
        // whole target space into memory.
        while (!_sourceDone && _deferred.Count < Math.Max(64, _window.Size))
        {
            if (!_source.MoveNext())
            {
                _sourceDone = true;
                break;
            }

            probe = new PendingProbe(_source.Current, 1, null);
            if (HasRoom(probe.Target.HostIndex))
            {
                return true;
            }

            _deferred.Enqueue(probe);
        }

        probe = default;
        return false;
    }

    private bool HasRoom(long hostIndex) =>
        _options.MaxPerHost <= 0 || !_hosts.TryGetValue(hostIndex, out var host) || host.Inflight < _options.MaxPerHost;

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
            if (host.Inflight == 0)
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

    private void Start(PendingProbe probe, long now)
    {
        var target = probe.Target;
        Socket socket;
        try
        {
            socket = new Socket(target.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            socket.LingerState = new LingerOption(true, 0); // RST on close: no TIME_WAIT pile-up
            _errorQueue.Enable(socket);
        }
        catch (SocketException)
        {
            // EMFILE, ENOBUFS...: a local shortage, not a verdict. Back off and try the probe again.
            RetryLater(probe, now);
            return;
        }

        var host = Host(target.HostIndex);
        var slot = _free.Pop();
        slot.Socket = socket;
        slot.Probe = probe;
        slot.Timeout = TimeoutFor(probe, host);
        slot.StartTicks = Stopwatch.GetTimestamp();
        slot.DeadlineTicks = slot.StartTicks + (long)(slot.Timeout.TotalSeconds * Stopwatch.Frequency);
        slot.State = ProbeSlot.InFlight;
        _earliestDeadline = Math.Min(_earliestDeadline, slot.DeadlineTicks);
        slot.Args.RemoteEndPoint = new IPEndPoint(target.Address, target.Port);
        host.Inflight++;
        _inflight++;
        _attempts++;

        bool pending;
        try
        {
            pending = socket.ConnectAsync(slot.Args);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            slot.Args.SocketError = ex is SocketException socketException ? socketException.SocketErrorCode : SocketError.OperationAborted;
            pending = false;
        }

        if (!pending)
        {
            Complete(slot);
        }
    }

    private void RetryLater(PendingProbe probe, long now)
    {
        _localRetries++;
        _window.OnLocalPressure();
        _retries.Enqueue(probe, now + (long)(LocalErrorBackoff.TotalSeconds * Stopwatch.Frequency));
    }

    private void ExpireTimeouts(long now)
    {
        // Walk the slots only when the oldest deadline may have passed: on a fast network almost every probe is
        // answered long before it, and a walk per completion would cost more than the probes.
        if (_inflight == 0 || now < _earliestDeadline)
        {
            return;
        }

        var earliest = long.MaxValue;
        foreach (var slot in _slots)
        {
            if (slot.State != ProbeSlot.InFlight)
            {
                continue;
            }

            if (slot.DeadlineTicks <= now)
            {
                slot.State = ProbeSlot.TimedOut;
                // Closing the socket aborts the connect; its completion reports the timeout.
                slot.Socket?.Dispose();
            }
            else
            {
                earliest = Math.Min(earliest, slot.DeadlineTicks);
            }
        }

        _earliestDeadline = earliest;
    }

    private void OnCompleted(object? sender, SocketAsyncEventArgs args)
    {
        lock (_gate)
        {
            Complete((ProbeSlot)args.UserToken!);
        }

        _wake.Release();
    }

    private void Complete(ProbeSlot slot)
    {
        var now = Stopwatch.GetTimestamp();
        var probe = slot.Probe;
        var socket = slot.Socket!;
        var timedOut = slot.State == ProbeSlot.TimedOut;
        var roundTrip = Stopwatch.GetElapsedTime(slot.StartTicks, now);
        var error = slot.Args.SocketError;

        PortState state;
        ProbeReason reason;
        var answered = true;
        if (timedOut)
        {
            (state, reason, answered) = (PortState.Filtered, ProbeReason.NoResponse, false);
        }
        else if (error == SocketError.Success)
        {
            var local = socket.LocalEndPoint as IPEndPoint;
            (state, reason) = local is not null && local.Port == probe.Target.Port && local.Address.Equals(probe.Target.Address)
                ? (PortState.Closed, ProbeReason.SelfConnect)
                : (PortState.Open, ProbeReason.SynAck);
        }
        else
        {
            var icmp = _errorQueue.TryRead(socket);
            (state, reason) = ConnectErrorClassifier.Classify(error, icmp);
            answered = state == PortState.Closed || icmp is not null;
            if (state == PortState.Filtered && !answered && reason == ProbeReason.NoResponse)
            {
                timedOut = true; // the kernel gave up (ETIMEDOUT) before we did
            }
        }

        socket.Dispose();
        slot.Socket = null;
        slot.State = ProbeSlot.Idle;
        _free.Push(slot);
        _inflight--;
        var host = Host(probe.Target.HostIndex);
        host.Inflight--;

        if (state == PortState.Error)
        {
            RetryLater(probe, now);
            return;
        }

        if (answered)
        {
            host.Answered = true;
            host.Rtt.Add(roundTrip);
            _globalRtt.Add(roundTrip);
            _window.OnAnswer();
        }
        else if (timedOut)
        {
            if (host.Answered)
            {
                var rttTicks = (long)(host.Rtt.SmoothedRtt.TotalSeconds * Stopwatch.Frequency);
                _window.OnLoss(now, Math.Max(rttTicks, Stopwatch.Frequency / 100));
            }

            if (probe.Attempt <= _options.Retries)
            {
                var next = TimeSpan.FromTicks(Math.Min(slot.Timeout.Ticks * 2, _options.MaxTimeout.Ticks));
                _retries.Enqueue(probe with { Attempt = probe.Attempt + 1, Timeout = _options.FixedTimeout ?? next }, now);
                return;
            }
        }

        switch (state)
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

        _results.TryWrite(new ScanPortResult(probe.Target, state, reason, answered ? roundTrip : null, probe.Attempt));
    }
}
