using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;
using Reach.Probes;

namespace Reach.Monitoring.Scheduling;

/// <summary>
/// Runs every target's probe in its slot (<see cref="ScheduleClock"/>), at most <c>concurrency</c> at once, and
/// never two probes of one target at once: a slot that comes while the previous probe still runs is skipped and
/// counted. Slots are planned from the previous slot, not from when the probe ended, so a slow round does not
/// drift the schedule; a start later than planned is measured as lag. Results go to <see cref="Completions"/>:
/// every probe started ends in one, also a probe whose prober threw (an <c>error</c> outcome with the exception's
/// message, and a log line); only the cancellation of <see cref="StopAsync"/> ends a probe without a result.
/// </summary>
internal sealed partial class ProbeScheduler : IAsyncDisposable
{
    private readonly ITargetProber prober;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SemaphoreSlim slots;
    private readonly SemaphoreSlim wake = new(0);
    private readonly Lock gate = new();
    private readonly Channel<ProbeCompletion> completions = Channel.CreateUnbounded<ProbeCompletion>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource stopping = new();
    private readonly HashSet<Task> running = [];
    private Dictionary<TargetKey, Entry> entries = [];
    private PriorityQueue<Entry, DateTimeOffset> queue = new();
    private Task? loop;
    private Task? pendingWake; // only the loop touches it

    /// <param name="metrics">Where to count starts and lag (one the host shares with /metrics); a new one when null.</param>
    /// <param name="logger">Where a probe that threw is logged; none when null.</param>
    public ProbeScheduler(ITargetProber prober, TimeProvider time, int concurrency, SchedulerMetrics? metrics = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(prober);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        this.prober = prober;
        this.time = time;
        this.logger = logger ?? NullLogger.Instance;
        slots = new SemaphoreSlim(concurrency, concurrency);
        Metrics = metrics ?? new SchedulerMetrics();
    }

    public SchedulerMetrics Metrics { get; }

    /// <summary>Every finished probe, in completion order. Completes when the scheduler stops.</summary>
    public ChannelReader<ProbeCompletion> Completions => completions.Reader;

    /// <summary>How many targets are scheduled.</summary>
    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    /// <summary>
    /// Sets the targets to probe. Targets already scheduled keep their slot and any probe in flight; new ones start
    /// at their next slot; removed ones are dropped (a probe of theirs in flight still completes).
    /// </summary>
    public void SetTargets(IEnumerable<MonitoredTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var now = time.GetUtcNow();
        lock (gate)
        {
            var next = new Dictionary<TargetKey, Entry>();
            var nextQueue = new PriorityQueue<Entry, DateTimeOffset>();
            foreach (var target in targets)
            {
                if (next.ContainsKey(target.Key))
                {
                    continue;
                }

                var interval = target.Check.Interval;
                if (entries.TryGetValue(target.Key, out var entry))
                {
                    // The same entry (and its "a probe is running" flag), so no reload can start a second probe.
                    var changed = entry.Target.Check.Interval != interval;
                    entry.Target = target;
                    if (changed)
                    {
                        entry.Due = ScheduleClock.NextSlot(ScheduleClock.OffsetOf(target.Key, interval), interval, now);
                    }
                }
                else
                {
                    entry = new Entry(target) { Due = ScheduleClock.NextSlot(ScheduleClock.OffsetOf(target.Key, interval), interval, now) };
                }

                next[target.Key] = entry;
                nextQueue.Enqueue(entry, entry.Due);
            }

            entries = next;
            queue = nextQueue;
        }

        wake.Release();
    }

    public void Start()
    {
        loop ??= Task.Run(() => RunAsync(stopping.Token));
    }

    /// <summary>Stops starting probes, waits for those in flight (they are cancelled) and completes <see cref="Completions"/>.</summary>
    public async Task StopAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }

        Task[] inFlight;
        lock (gate)
        {
            inFlight = [.. running];
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
        completions.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        stopping.Dispose();
        slots.Dispose();
        wake.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = StartDueProbes();
            try
            {
                await WaitAsync(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Starts (or skips) every entry whose slot has come; returns how long until the next slot.</summary>
    private TimeSpan StartDueProbes()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            while (queue.TryPeek(out var entry, out var due) && due <= now)
            {
                queue.Dequeue();
                var interval = entry.Target.Check.Interval;
                if (entry.Running)
                {
                    Metrics.RecordOverlapSkip();
                }
                else
                {
                    entry.Running = true;
                    var task = ProbeAsync(entry, entry.Target, due, stopping.Token);
                    running.Add(task);
                    _ = task.ContinueWith(t => Forget(t), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                }

                // The next slot after this one; when the scheduler fell behind by whole intervals, skip to the
                // first slot still ahead instead of firing every missed one at once.
                var next = due + interval;
                if (next <= now)
                {
                    var missed = ((now - next).Ticks / interval.Ticks) + 1;
                    Metrics.RecordMissedSlots(missed);
                    next += TimeSpan.FromTicks(missed * interval.Ticks);
                }

                entry.Due = next;
                queue.Enqueue(entry, next);
            }

            return queue.TryPeek(out _, out var nextDue) ? nextDue - now : Timeout.InfiniteTimeSpan;
        }
    }

    private void Forget(Task task)
    {
        lock (gate)
        {
            running.Remove(task);
        }
    }

    private async Task ProbeAsync(Entry entry, MonitoredTarget target, DateTimeOffset planned, CancellationToken cancellationToken)
    {
        var acquired = false;
        var started = planned;
        var lag = TimeSpan.Zero;
        try
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            acquired = true;
            started = time.GetUtcNow();
            lag = started - planned;
            Metrics.RecordStart(lag);
            var outcome = await prober.ProbeAsync(target, started, cancellationToken).ConfigureAwait(false);
            completions.Writer.TryWrite(new ProbeCompletion(target, outcome, planned, lag));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: an interrupted probe says nothing about the target.
        }
        catch (Exception ex)
        {
            // A bug or a local failure, not the target's answer: inconclusive, so it moves no state, but recorded
            // and logged instead of the target silently going unprobed.
            LogProbeFailed(target.Key.ToString(), ex.GetType().Name, ex.Message);
            var outcome = new ProbeOutcome(started, ProbeVerdict.Inconclusive, ProbeState.Error, ProbeReason.ProbeFailed, null, target.Address, $"{ex.GetType().Name}: {ex.Message}");
            completions.Writer.TryWrite(new ProbeCompletion(target, outcome, planned, lag));
        }
        finally
        {
            if (acquired)
            {
                slots.Release();
            }

            lock (gate)
            {
                entry.Running = false;
            }
        }
    }

    /// <summary>
    /// Waits until the next slot or a wake-up (new targets, stop). The wake-up wait is kept across calls instead of
    /// being cancelled after each one: the loop waits about once per millisecond at 1,000 probes/s, and every
    /// cancelled <see cref="SemaphoreSlim.WaitAsync(CancellationToken)"/> throws an exception inside (bench/watch.sh
    /// measured 8% of the service's CPU in that unwinding). A slot timer that loses to a wake-up just fires unheard.
    /// </summary>
    private async Task WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        pendingWake ??= wake.WaitAsync(cancellationToken);
        if (wait != Timeout.InfiniteTimeSpan && !pendingWake.IsCompleted)
        {
            var slot = Task.Delay(wait, time, cancellationToken);
            if (await Task.WhenAny(pendingWake, slot).ConfigureAwait(false) != pendingWake)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return;
            }
        }

        await pendingWake.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        pendingWake = null;
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>One scheduled target. Mutable fields are guarded by the scheduler's lock.</summary>
    private sealed class Entry(MonitoredTarget target)
    {
        public MonitoredTarget Target { get; set; } = target;

        public DateTimeOffset Due { get; set; }

        public bool Running { get; set; }
    }
}
