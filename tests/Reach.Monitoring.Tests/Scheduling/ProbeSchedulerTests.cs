using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Reach.Monitoring.Probing;
using Reach.Monitoring.Scheduling;
using Reach.Monitoring.Tests.TestSupport;
using Reach.Probes;

namespace Reach.Monitoring.Tests.Scheduling;

public sealed class ProbeSchedulerTests : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly FakeProber prober = new();
    private readonly ListLogger log = new();
    private readonly System.Collections.Concurrent.ConcurrentBag<ProbeCompletion> completed = [];
    private ProbeScheduler? scheduler;

    public async ValueTask DisposeAsync()
    {
        if (scheduler is not null)
        {
            await scheduler.DisposeAsync();
        }
    }

    [Fact]
    public async Task EachTarget_IsProbedOncePerInterval_InItsOwnSlot()
    {
        var targets = Checks.Targets(Checks.Tcp("web", Interval), 50);
        var start = time.GetUtcNow();
        Start(targets, concurrency: 100);

        await AdvanceAsync(Interval * 3, () => prober.Calls.Count >= 150 && completed.Count >= 150);

        Assert.Equal(150, prober.Calls.Count);
        foreach (var target in targets)
        {
            // Planned slots are exact; the actual start may come a fake-time step later when the thread pool is
            // slow to run the loop between steps (a loaded CI machine), so starts are only bounded from below.
            var planned = completed.Where(c => c.Target.Key == target.Key).Select(c => c.Planned).Order().ToList();
            Assert.Equal(3, planned.Count);
            var slot = ScheduleClock.NextSlot(ScheduleClock.OffsetOf(target.Key, Interval), Interval, start);
            Assert.Equal([slot, slot + Interval, slot + (Interval * 2)], planned);
            var starts = prober.Calls.Where(c => c.Key == target.Key).Select(c => c.At).Order().ToList();
            Assert.All(starts.Zip(planned), pair => Assert.True(pair.First >= pair.Second, $"started {pair.First:O} before its slot {pair.Second:O}"));
        }
    }

    [Fact]
    public async Task SlowProbe_IsNeverRunTwiceAtOnce_SkippedSlotsAreCounted()
    {
        var target = Checks.Targets(Checks.Tcp("web", Interval), 1)[0];
        prober.Hold(target.Key);
        Start([target], concurrency: 10);

        await AdvanceAsync(Interval * 4, () => scheduler!.Metrics.OverlapSkips == 3);

        Assert.Equal(1, prober.CountOf(target.Key));
        Assert.Equal(3, scheduler!.Metrics.OverlapSkips);

        prober.Release(target.Key);
        await AdvanceAsync(Interval, () => prober.CountOf(target.Key) == 2);
        Assert.Equal(2, prober.CountOf(target.Key));
    }

    [Fact]
    public async Task Concurrency_IsBounded_AndWaitingShowsAsLag()
    {
        var targets = Checks.Targets(Checks.Tcp("web", Interval), 20);
        foreach (var target in targets)
        {
            prober.Hold(target.Key);
        }

        Start(targets, concurrency: 4);
        await AdvanceAsync(Interval, () => prober.InFlight == 4 && prober.Calls.Count == 4);
        Assert.Equal(4, prober.InFlight);

        time.Advance(TimeSpan.FromSeconds(3));
        foreach (var target in targets)
        {
            prober.Release(target.Key);
        }

        // The 3 s advanced also bring second-round slots of the first targets: at least 20 probes, never over 4 at once.
        await Eventually.TrueAsync(() => targets.All(t => prober.CountOf(t.Key) >= 1), "a probe of every target");
        Assert.Equal(4, prober.MaxInFlight);
        Assert.True(scheduler!.Metrics.MaxLag >= TimeSpan.FromSeconds(1), $"max lag {scheduler.Metrics.MaxLag}");
        Assert.True(scheduler.Metrics.ProbesStarted >= 20);
    }

    [Fact]
    public async Task SetTargets_KeepsUnchangedTargetsInTheirSlots_AddsAndRemoves()
    {
        var check = Checks.Tcp("web", Interval);
        var targets = Checks.Targets(check, 3);
        Start(targets, concurrency: 10);
        await AdvanceAsync(Interval, () => prober.Calls.Count >= 3);

        var added = Checks.Target(check, "192.0.2.1", 80);
        scheduler!.SetTargets([targets[0], targets[1], added]);
        prober.Calls.Clear();
        await AdvanceAsync(Interval, () => prober.Calls.Count >= 3);

        Assert.Equal(3, scheduler.Count);
        Assert.Equal(1, prober.CountOf(targets[0].Key));
        Assert.Equal(1, prober.CountOf(added.Key));
        Assert.Equal(0, prober.CountOf(targets[2].Key));
    }

    [Fact]
    public async Task SetTargets_WakesTheWaitingLoop_ANewEarlierSlotIsNotMissed()
    {
        // Given a scheduler waiting for the late slot of its only target,
        var check = Checks.Tcp("web", Interval);
        var candidates = Enumerable.Range(1, 254).Select(i => Checks.Target(check, $"192.0.2.{i}", 80)).ToList();
        var late = candidates.First(t => ScheduleClock.OffsetOf(t.Key, Interval) > TimeSpan.FromSeconds(7));
        var early = candidates.First(t => ScheduleClock.OffsetOf(t.Key, Interval) is var o && o > TimeSpan.FromSeconds(1) && o < TimeSpan.FromSeconds(4));
        var start = time.GetUtcNow();
        Start([late], concurrency: 10);
        await AdvanceAsync(TimeSpan.FromMilliseconds(500), () => true);

        // when a target whose slot comes first is added,
        scheduler!.SetTargets([late, early]);
        var earlySlot = ScheduleClock.NextSlot(ScheduleClock.OffsetOf(early.Key, Interval), Interval, start);
        await AdvanceAsync(earlySlot - time.GetUtcNow() + TimeSpan.FromMilliseconds(200), () => prober.CountOf(early.Key) == 1);

        // then it is probed in its own slot, not when the loop would have woken for the late one.
        var lateSlot = ScheduleClock.NextSlot(ScheduleClock.OffsetOf(late.Key, Interval), Interval, start);
        var started = Assert.Single(prober.Calls, c => c.Key == early.Key).At;
        Assert.InRange(started, earlySlot, lateSlot - TimeSpan.FromSeconds(1));
        Assert.Equal(0, prober.CountOf(late.Key));
    }

    [Fact]
    public async Task ProbeThatThrows_EndsInAnErrorResult_AndALogLine_AndOthersGoOn()
    {
        // Given a prober that throws for one of two targets,
        var targets = Checks.Targets(Checks.Tcp("web", Interval), 2);
        prober.Fail(targets[0].Key, new InvalidOperationException("prober bug"));
        Start(targets, concurrency: 10);

        // when two intervals pass,
        await AdvanceAsync(Interval * 2, () => targets.All(t => completed.Count(c => c.Target.Key == t.Key) >= 2) && log.Lines.Count >= 2);

        // then each of its probes is an error result naming the exception, logged, and the other target is probed as usual.
        var failed = completed.Where(c => c.Target.Key == targets[0].Key).Select(c => c.Outcome).ToList();
        Assert.InRange(failed.Count, 2, 3);
        Assert.All(failed, o => Assert.Equal((ProbeVerdict.Inconclusive, ProbeState.Error, ProbeReason.ProbeFailed, "InvalidOperationException: prober bug"), (o.Verdict, o.State, o.Reason, o.Detail)));
        Assert.All(completed.Where(c => c.Target.Key == targets[1].Key), c => Assert.Equal(ProbeVerdict.Success, c.Outcome.Verdict));
        var lines = log.Lines.Where(l => l.Level == LogLevel.Error).Select(l => l.Message).ToList();
        Assert.InRange(lines.Count, 2, 3);
        Assert.All(lines, l => Assert.Equal($"probe of {targets[0].Key} failed (InvalidOperationException): prober bug", l));
    }

    private void Start(IReadOnlyList<Reach.Monitoring.Expansion.MonitoredTarget> targets, int concurrency)
    {
        scheduler = new ProbeScheduler(prober, time, concurrency, logger: log);
        scheduler.SetTargets(targets);
        scheduler.Start();
        _ = DrainAsync(scheduler);
    }

    private async Task DrainAsync(ProbeScheduler scheduler)
    {
        await foreach (var completion in scheduler.Completions.ReadAllAsync())
        {
            completed.Add(completion);
        }
    }

    /// <summary>Moves fake time forward in 100 ms steps, letting the scheduler's loop run between steps.</summary>
    private async Task AdvanceAsync(TimeSpan total, Func<bool> done)
    {
        var steps = (int)(total.Ticks / TimeSpan.FromMilliseconds(100).Ticks);
        for (var i = 0; i < steps; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            await Task.Delay(2, TestContext.Current.CancellationToken);
        }

        // The loop runs on the thread pool: on a loaded machine it may still be catching up with the last step.
        await Eventually.TrueAsync(done, "the scheduler to catch up with fake time");
    }
}
