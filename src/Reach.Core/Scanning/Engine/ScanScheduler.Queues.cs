using System.Diagnostics;
using Reach.Probes;

namespace Reach.Scanning.Engine;

/// <summary>The scheduler's queues: what goes next, and where a probe waits until its host may take it.</summary>
internal sealed partial class ScanScheduler
{
    private const int MaxHostStates = 1 << 20;

    /// <summary>
    /// How many probes may wait parked on their hosts before no new work is read from the scan order. Large enough
    /// that one slow host (a send delay behind a rate limiter) does not hold up the others of a range; bounded, so a
    /// scan never reads its whole target space into memory (about 4 MB of parked probes at most).
    /// </summary>
    private const int MaxParked = 1 << 16;

    /// <summary>
    /// Local failures (EMFILE, ENOBUFS, EADDRNOTAVAIL...) are retried with a growing pause. While other probes of the
    /// scan are in flight they may be our own pressure and go away as those finish; a probe that has failed this many
    /// times and fails again with nothing else in flight (a local firewall rule, an address this host cannot send to)
    /// is reported as <c>error/local-error</c>, so the scan always ends and never guesses a verdict.
    /// </summary>
    internal const int MaxLocalFailures = 6;
    private static readonly TimeSpan LocalErrorBackoff = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MaxLocalErrorBackoff = TimeSpan.FromMilliseconds(500);

    private readonly PriorityQueue<PendingProbe, long> _retries = new();
    private readonly Queue<PendingProbe> _ready = new();

    /// <summary>Probes that measure the path (discovery and timing probes): sent first, never parked.</summary>
    private readonly Queue<PendingProbe> _pathProbes = new();

    private readonly PriorityQueue<long, long> _wakeups = new();
    private readonly Dictionary<long, HostState> _hosts = [];
    private int _parked;

    private bool TryTakeNext(long now, out PendingProbe probe)
    {
        WakeDueHosts(now);
        while (true)
        {
            // Probes that measure the path go first and are never parked: timing probes (one per host at a time, at
            // most one per interval) and discovery probes (one per host).
            if (TryTakeTimingProbe(now, out probe) || _pathProbes.TryDequeue(out probe))
            {
                return true;
            }

            // Due retries, then probes their hosts have become ready for, then new work. A probe that may not go yet
            // is parked on its host.
            if (_retries.TryPeek(out probe, out var due) && due <= now)
            {
                _retries.Dequeue();
                Host(probe.Target).Retrying--;
            }
            else if (!_ready.TryDequeue(out probe) && !TryPull(out probe))
            {
                return false;
            }

            if (Admit(probe, now))
            {
                return true;
            }

            Park(probe, now);
        }
    }

    /// <summary>
    /// New work from the scan order, only while the parked backlog is bounded: saturated hosts must not make us read
    /// the whole target space into memory.
    /// </summary>
    private bool TryPull(out PendingProbe probe)
    {
        probe = default;
        if (_sourceDone || _parked + _ready.Count >= Math.Max(MaxParked, _window.Size))
        {
            return false;
        }

        if (!_source.MoveNext())
        {
            _sourceDone = true;
            return false;
        }

        probe = new PendingProbe(_source.Current, 1);
        return true;
    }

    /// <summary>
    /// Whether a probe may go now: within its host's window, the per-host cap and the host's send delay. A host's
    /// first contact also queues its discovery probe, which goes beside the real ones (never before them: a host
    /// whose discovery port is dropped must not hold its probes back).
    /// </summary>
    private bool Admit(PendingProbe probe, long now)
    {
        var host = Host(probe.Target);
        if (_options.DiscoveryPort is { } discoveryPort && _options.FixedTimeout is null && !host.DiscoverySent)
        {
            host.DiscoverySent = true;
            _pathProbes.Enqueue(new PendingProbe(probe.Target with { Port = discoveryPort }, 1, ProbeKind.Discovery));
        }

        return HasRoom(host) && host.Delay.MaySend(now);
    }

    private bool HasRoom(HostState host) =>
        host.Inflight < host.Window.Size && (_options.MaxPerHost <= 0 || host.Inflight < _options.MaxPerHost);

    /// <summary>Parks a probe on its host until the host may take it: no queue is ever walked per probe.</summary>
    private void Park(PendingProbe probe, long now)
    {
        var host = Host(probe.Target);
        (host.Waiting ??= new Queue<PendingProbe>()).Enqueue(probe);
        _parked++;
        if (!host.Delay.MaySend(now))
        {
            ScheduleWake(host, probe.Target.HostIndex);
        }
    }

    /// <summary>Moves as many of the host's parked probes as it may take now to the ready queue.</summary>
    private void Wake(HostState host, long now)
    {
        if (host.Waiting is not { Count: > 0 } waiting)
        {
            return;
        }

        var room = Math.Min(host.Window.Size - host.Inflight, _options.MaxPerHost > 0 ? _options.MaxPerHost - host.Inflight : int.MaxValue);
        if (host.Delay.Ticks > 0)
        {
            if (!host.Delay.MaySend(now))
            {
                ScheduleWake(host, waiting.Peek().Target.HostIndex);
                return;
            }

            room = Math.Min(room, 1); // one per pause
        }

        for (; room > 0 && waiting.Count > 0; room--)
        {
            _ready.Enqueue(waiting.Dequeue());
            _parked--;
        }
    }

    private void ScheduleWake(HostState host, long hostIndex)
    {
        if (!host.WakeScheduled)
        {
            host.WakeScheduled = true;
            _wakeups.Enqueue(hostIndex, host.Delay.NextSendTicks);
        }
    }

    private void WakeDueHosts(long now)
    {
        while (_wakeups.TryPeek(out var hostIndex, out var due) && due <= now)
        {
            _wakeups.Dequeue();
            if (_hosts.TryGetValue(hostIndex, out var host))
            {
                host.WakeScheduled = false;
                Wake(host, now);
            }
        }
    }

    private void RetryLater(PendingProbe probe, long now, bool outOfDescriptors = false)
    {
        _localRetries++;
        _window.OnLocalPressure();
        var failures = probe.LocalFailures + 1;
        if (failures >= MaxLocalFailures && Inflight == 0)
        {
            if (outOfDescriptors)
            {
                OutOfDescriptors = true;
                Stopped = true; // every other port would fail the same way: stop, and say why
                return;
            }

            GiveUpLocally(probe);
            return;
        }

        var pause = Math.Min(LocalErrorBackoff.Ticks << Math.Min(failures - 1, 8), MaxLocalErrorBackoff.Ticks);
        Host(probe.Target).Retrying++;
        _retries.Enqueue(probe with { LocalFailures = failures }, now + (long)(TimeSpan.FromTicks(pause).TotalSeconds * Stopwatch.Frequency));
    }

    /// <summary>This host cannot send the probe at all: say so (<c>error/local-error</c>), which is no verdict on the target.</summary>
    private void GiveUpLocally(PendingProbe probe)
    {
        _errors++;
        _onResult(new ScanPortResult(probe.Target, PortState.Error, ProbeReason.LocalError, null, probe.Attempt));
    }

    private HostState Host(ScanProbeTarget target)
    {
        if (!_hosts.TryGetValue(target.HostIndex, out var host))
        {
            if (_hosts.Count >= MaxHostStates)
            {
                PruneIdleHosts();
            }

            host = new HostState(target.Address, _options.MinTimeout, _options.MaxTimeout, Math.Min(_options.InitialWindow, MaxInflight), MaxInflight);
            _hosts.Add(target.HostIndex, host);
        }

        return host;
    }

    private void PruneIdleHosts()
    {
        foreach (var (index, host) in _hosts)
        {
            if (!host.Active && !host.WakeScheduled && host.TimingDue == 0)
            {
                _hosts.Remove(index);
            }
        }
    }
}
