using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reach.Monitoring.Alerts;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;
using Reach.Probes;

namespace Reach.Monitoring.Tests.Alerts;

public sealed class AlertDispatcherTests : IAsyncDisposable
{
    private static readonly TargetKey Web = new("web", "10.0.0.5", 80);
    private readonly TempDirectory dir = new();
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider time = new(Start);
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;
    private SqliteMonitorStore? store;

    public async ValueTask DisposeAsync()
    {
        if (store is not null)
        {
            await store.DisposeAsync();
        }

        dir.Dispose();
    }

    [Fact]
    public async Task FailingChannel_IsRetriedWithBackoff_OtherChannelDeliveredAtOnce()
    {
        var good = new FakeChannel("good");
        var bad = new FakeChannel("bad") { Failing = true };
        using var dispatcher = await DispatcherWithDownAlertAsync(good, bad);

        Assert.Equal(1, await dispatcher.DispatchDueAsync(ct));
        Assert.Single(good.Sent);
        Assert.Equal(1, bad.Attempts);

        Assert.Equal(0, await dispatcher.DispatchDueAsync(ct)); // not due yet: backoff
        time.Advance(RetryPolicy.DelayAfter(1));
        bad.Failing = false;
        Assert.Equal(1, await dispatcher.DispatchDueAsync(ct));
        Assert.Single(bad.Sent);
        Assert.Single(good.Sent); // sent once, never again
        Assert.Equal(1, dispatcher.Failures);
    }

    [Fact]
    public async Task ChannelFailingEveryTime_IsAbandonedAfterMaxAttempts()
    {
        var bad = new FakeChannel("bad") { Failing = true };
        using var dispatcher = await DispatcherWithDownAlertAsync(bad);

        for (var i = 0; i < RetryPolicy.MaxAttempts + 2; i++)
        {
            await dispatcher.DispatchDueAsync(ct);
            time.Advance(RetryPolicy.MaxDelay);
        }

        Assert.Equal(RetryPolicy.MaxAttempts, bad.Attempts);
        Assert.Empty(await store!.GetDueAlertsAsync(time.GetUtcNow().AddDays(1), 10, ct));
    }

    [Fact]
    public async Task AlertForARemovedChannel_IsAbandoned_NotSent()
    {
        var gone = new FakeChannel("gone");
        using var dispatcher = await DispatcherWithDownAlertAsync(gone);
        dispatcher.Configure(AlertRouting.Empty);

        Assert.Equal(0, await dispatcher.DispatchDueAsync(ct));
        Assert.Empty(await store!.GetDueAlertsAsync(time.GetUtcNow().AddDays(1), 10, ct));
        Assert.Empty(gone.Sent);
    }

    [Fact]
    public async Task StopWhileASendIsInFlight_TheSendFinishes_AndIsMarkedSent_NotSentAgainLater()
    {
        var slow = new HeldChannel("slow");
        using var dispatcher = await DispatcherWithDownAlertAsync(slow);
        using var stopping = new CancellationTokenSource();

        var dispatch = dispatcher.DispatchDueAsync(stopping.Token);
        await slow.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
        await stopping.CancelAsync(); // the service stops while the receiver has the alert
        slow.Release.SetResult();

        Assert.Equal(1, await dispatch.WaitAsync(TimeSpan.FromSeconds(30), ct));
        Assert.Empty(await store!.GetDueAlertsAsync(time.GetUtcNow().AddDays(1), 10, ct));
    }

    [Fact]
    public async Task HangingChannel_TimesOutOnTheInjectedClock_CountsAsAFailedAttempt_IsRetriedLater()
    {
        // Given a channel that never answers,
        var hanging = new HeldChannel("hanging");
        using var dispatcher = await DispatcherWithDownAlertAsync(hanging);
        var dispatch = dispatcher.DispatchDueAsync(ct);
        await hanging.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);

        // when the attempt's timeout passes on the dispatcher's clock (no real second passes),
        time.Advance(AlertChannels.AttemptTimeout);

        // then the attempt has failed as "timed out" and the alert waits for its retry.
        Assert.Equal(0, await dispatch.WaitAsync(TimeSpan.FromSeconds(10), ct));
        Assert.Equal(1, dispatcher.Failures);
        Assert.Empty(await store!.GetDueAlertsAsync(time.GetUtcNow(), 10, ct));
        var retry = Assert.Single(await store.GetDueAlertsAsync(time.GetUtcNow() + RetryPolicy.DelayAfter(1), 10, ct));
        Assert.Equal(1, retry.Attempts);
    }

    [Fact]
    public async Task StopWhileASendHangs_TheSendIsCutAfterTheGraceOnTheInjectedClock_AndStaysDue()
    {
        // Given a send in flight to a channel that never answers,
        var hanging = new HeldChannel("hanging");
        using var dispatcher = await DispatcherWithDownAlertAsync(hanging);
        using var stopping = new CancellationTokenSource();
        var dispatch = dispatcher.DispatchDueAsync(stopping.Token);
        await hanging.Started.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);

        // when the service stops and the grace passes on the dispatcher's clock,
        await stopping.CancelAsync();
        time.Advance(AlertDispatcher.StopGrace);

        // then the send is cut at once (well before a real grace would end), neither sent nor failed: it goes out at
        // the next start.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatch.WaitAsync(AlertDispatcher.StopGrace / 2, ct));
        Assert.Equal(0, dispatcher.Failures);
        var pending = Assert.Single(await store!.GetDueAlertsAsync(time.GetUtcNow(), 10, ct));
        Assert.Equal(0, pending.Attempts);
    }

    [Fact]
    public async Task Run_PollsOnTheInjectedClock_ARetryGoesOutWhenItFallsDue_WithoutAWake()
    {
        // Given a running dispatcher whose first attempt failed (the retry is due in 2 s),
        var flaky = new FakeChannel("flaky") { Failing = true, Clock = time };
        var clock = new TimerRecordingTimeProvider(time);
        using var dispatcher = await DispatcherWithDownAlertAsync(clock, flaky);
        using var stopping = new CancellationTokenSource();
        var run = dispatcher.RunAsync(stopping.Token);
        await Eventually.TrueAsync(() => dispatcher.Failures == 1, "the first attempt");
        flaky.Failing = false;

        // when the dispatcher's clock passes the backoff, a poll at a time,
        while (flaky.Sent.Count == 0 && time.GetUtcNow() < new DateTimeOffset(2026, 1, 1, 13, 0, 0, TimeSpan.Zero))
        {
            time.Advance(AlertDispatcher.PollInterval);
            await Task.Delay(5, ct);
        }

        // then the retry went out, once, with no wake-up, after the backoff and not before.
        await stopping.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10), ct);
        Assert.Single(flaky.Sent);
        Assert.Equal(2, flaky.Attempts);
        var sentAt = Assert.Single(flaky.SentAt);
        Assert.True(sentAt >= Start + RetryPolicy.DelayAfter(1), $"sent at {sentAt:O}");
        Assert.Contains(clock.Armed, timer => timer.Due == AlertDispatcher.PollInterval); // the poll waited on the injected clock
    }

    [Fact]
    public void RetryPolicy_DoublesUpToTheCap()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), RetryPolicy.DelayAfter(1));
        Assert.Equal(TimeSpan.FromSeconds(16), RetryPolicy.DelayAfter(4));
        Assert.Equal(RetryPolicy.MaxDelay, RetryPolicy.DelayAfter(20));
    }

    private Task<AlertDispatcher> DispatcherWithDownAlertAsync(params IAlertChannel[] channels) => DispatcherWithDownAlertAsync(time, channels);

    private async Task<AlertDispatcher> DispatcherWithDownAlertAsync(TimeProvider clock, params IAlertChannel[] channels)
    {
        store = new SqliteMonitorStore(dir.Path);
        await store.InitializeAsync(ct);
        var state = TargetState.Initial;
        StateTransition transition = null!;
        foreach (var second in new[] { 0, 1 })
        {
            var outcome = new ProbeOutcome(time.GetUtcNow().AddSeconds(second), ProbeVerdict.Failure, ProbeState.Filtered, ProbeReason.NoResponse, null, null, "no answer within 1s");
            transition = TargetStateMachine.Apply(state, outcome, new Thresholds(2, 1));
            state = transition.Current;
        }

        await store.CommitTransitionAsync(Web, transition, [.. channels.Select(c => c.Key)], time.GetUtcNow(), ct);
        var dispatcher = new AlertDispatcher(store, clock, NullLogger<AlertDispatcher>.Instance);
        dispatcher.Configure(new AlertRouting(channels, new Dictionary<string, IReadOnlyDictionary<string, string>>()));
        return dispatcher;
    }

    private sealed class FakeChannel(string key) : IAlertChannel
    {
        public string Key => key;

        public bool Failing { get; set; }

        public int Attempts { get; private set; }

        public List<AlertEvent> Sent { get; } = [];

        /// <summary>When each alert was sent, on <see cref="Clock"/>.</summary>
        public List<DateTimeOffset> SentAt { get; } = [];

        public TimeProvider Clock { get; init; } = TimeProvider.System;

        public Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
        {
            Attempts++;
            if (Failing)
            {
                throw new AlertDeliveryException("HTTP 503");
            }

            Sent.Add(alert);
            SentAt.Add(Clock.GetUtcNow());
            return Task.CompletedTask;
        }
    }

    /// <summary>A channel whose send waits until the test releases it (it honours cancellation, as HTTP does).</summary>
    private sealed class HeldChannel(string key) : IAlertChannel
    {
        public string Key => key;

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
        }
    }
}
