using System.Net;
using Reach.Monitoring.Config;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;
using Reach.Probes;

namespace Reach.Monitoring.Tests.Store;

/// <summary>
/// What every <see cref="IMonitorStore"/> must do, run against each store by a concrete subclass
/// (<see cref="SqliteMonitorStoreTests"/>, <see cref="PostgresMonitorStoreTests"/>).
/// </summary>
public abstract class MonitorStoreContractTests
{
    protected static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private protected static readonly TargetKey Web = new("web", "10.0.0.5", 80);
    private static readonly TargetKey Db = new("web", "db01", 5432);
    private protected static readonly Thresholds Damping = new(2, 1);
    protected static readonly string[] OneChannel = ["webhook:http://127.0.0.1:9/hook"];
    protected CancellationToken Ct { get; } = TestContext.Current.CancellationToken;

    /// <summary>Opens (and initializes) the store under test; every call opens the same database.</summary>
    private protected abstract Task<IMonitorStore> OpenAsync();

    /// <summary>How many rows the alert outbox holds (sent and abandoned ones too), read from the database itself.</summary>
    protected abstract Task<long> CountOutboxRowsAsync();

    [Fact]
    public async Task WentDown_CommitsStateIncidentAndOutboxTogether_AndSurvivesReopen()
    {
        await using (var store = await OpenAsync())
        {
            var saved = await GoDownAsync(store, Web, 0);
            Assert.NotNull(saved.OpenIncidentId);
        }

        await using (var reopened = await OpenAsync())
        {
            var state = (await reopened.LoadStatesAsync(Ct))[Web];
            Assert.Equal(TargetHealth.Down, state.Status);
            Assert.Equal(T0, state.Since);
            var incident = Assert.Single(await reopened.GetIncidentsAsync(new IncidentQuery(OpenOnly: true), Ct));
            Assert.Equal(state.OpenIncidentId, incident.Id);
            Assert.Equal("closed (conn-refused): Connection refused", incident.Reason);
            var alert = Assert.Single(await reopened.GetDueAlertsAsync(T0.AddSeconds(2), 10, Ct));
            Assert.Equal((AlertKind.Down, OneChannel[0], incident.Id), (alert.Kind, alert.Channel, alert.Incident.Id));
            Assert.Equal(Web, alert.Incident.Target);
        }
    }

    [Fact]
    public async Task AlertMarkedSent_IsNeverDueAgain_EvenAfterReopen()
    {
        await using (var store = await OpenAsync())
        {
            await GoDownAsync(store, Web, 0);
            var alert = Assert.Single(await store.GetDueAlertsAsync(T0.AddMinutes(1), 10, Ct));
            await store.MarkAlertSentAsync(alert.Id, T0.AddMinutes(1), Ct);
            Assert.Empty(await store.GetDueAlertsAsync(T0.AddDays(1), 10, Ct));
        }

        await using var reopened = await OpenAsync();
        Assert.Empty(await reopened.GetDueAlertsAsync(T0.AddDays(1), 10, Ct));
    }

    [Fact]
    public async Task RetriedAlert_IsDueOnlyAtItsNextAttempt_AbandonedNever()
    {
        await using var store = await OpenAsync();
        await GoDownAsync(store, Web, 0);
        var alert = Assert.Single(await store.GetDueAlertsAsync(T0.AddSeconds(1), 10, Ct));

        await store.MarkAlertRetryAsync(alert.Id, 1, T0.AddSeconds(10), "connection refused", Ct);

        Assert.Empty(await store.GetDueAlertsAsync(T0.AddSeconds(9), 10, Ct));
        Assert.Equal(1, Assert.Single(await store.GetDueAlertsAsync(T0.AddSeconds(10), 10, Ct)).Attempts);
        await store.MarkAlertAbandonedAsync(alert.Id, T0.AddSeconds(11), "gave up", Ct);
        Assert.Empty(await store.GetDueAlertsAsync(T0.AddDays(1), 10, Ct));
    }

    [Fact]
    public async Task Recovered_ClosesTheIncident_AndQueuesARecoveryAlert()
    {
        await using var store = await OpenAsync();
        var down = await GoDownAsync(store, Web, 0);
        var transition = TargetStateMachine.Apply(down, Ok(30), Damping);
        Assert.Equal(TransitionKind.Recovered, transition.Kind);

        var saved = await store.CommitTransitionAsync(Web, transition, OneChannel, T0.AddSeconds(30), Ct);

        Assert.Null(saved.OpenIncidentId);
        var incident = Assert.Single(await store.GetIncidentsAsync(new IncidentQuery(), Ct));
        Assert.Equal(T0.AddSeconds(30), incident.End);
        Assert.Equal(TimeSpan.FromSeconds(30), incident.Duration(T0.AddDays(1)));
        Assert.Equal([AlertKind.Down, AlertKind.Recovered], (await store.GetDueAlertsAsync(T0.AddMinutes(1), 10, Ct)).Select(a => a.Kind));
        Assert.Equal(TargetHealth.Up, (await store.LoadStatesAsync(Ct))[Web].Status);
    }

    [Fact]
    public async Task Repeats_AreQueuedOncePerPeriod_WhileDown()
    {
        await using var store = await OpenAsync();
        await GoDownAsync(store, Web, 0);
        var repeat = TimeSpan.FromMinutes(30);

        Assert.Equal(0, await store.EnqueueDueRepeatsAsync(T0.AddMinutes(29), repeat, OneChannel, Ct));
        Assert.Equal(1, await store.EnqueueDueRepeatsAsync(T0.AddMinutes(31), repeat, OneChannel, Ct));
        Assert.Equal(0, await store.EnqueueDueRepeatsAsync(T0.AddMinutes(32), repeat, OneChannel, Ct));
        Assert.Equal(1, await store.EnqueueDueRepeatsAsync(T0.AddMinutes(62), repeat, OneChannel, Ct));

        var kinds = (await store.GetDueAlertsAsync(T0.AddHours(2), 10, Ct)).Select(a => a.Kind);
        Assert.Equal([AlertKind.Down, AlertKind.Repeat, AlertKind.Repeat], kinds);
    }

    [Fact]
    public async Task RemovedTarget_IsRetired_ItsIncidentClosedWithoutAlert_HistoryKept()
    {
        await using var store = await OpenAsync();
        await store.SyncTargetsAsync([Web, Db], T0, Ct);
        await GoDownAsync(store, Web, 0);

        await store.SyncTargetsAsync([Db], T0.AddMinutes(5), Ct);

        Assert.False((await store.LoadStatesAsync(Ct)).ContainsKey(Web));
        var incident = Assert.Single(await store.GetIncidentsAsync(new IncidentQuery(Target: Web), Ct));
        Assert.Equal("removed from the configuration", incident.EndNote);
        Assert.Single(await store.GetDueAlertsAsync(T0.AddHours(1), 10, Ct)); // only the original DOWN alert
        Assert.Contains(await store.GetLatestAsync(includeRetired: true, Ct), s => s.Target == Web && !s.Active);
        Assert.DoesNotContain(await store.GetLatestAsync(includeRetired: false, Ct), s => s.Target == Web);
        Assert.Equal(2, (await store.GetUptimeAsync(T0.AddHours(-1), T0.AddHours(1), Ct)).Single(u => u.Target == Web).Probes);
    }

    [Fact]
    public async Task Record_KeepsLatestStateAndHistory()
    {
        await using var store = await OpenAsync();
        var state = TargetState.Initial;
        var records = new List<ProbeRecord>();
        foreach (var outcome in new[] { Ok(0), Ok(1), Fail(2) })
        {
            state = TargetStateMachine.Apply(state, outcome, Damping).Current;
            records.Add(new ProbeRecord(Web, outcome, state));
        }

        await store.RecordAsync(records, Ct);

        var latest = Assert.Single(await store.GetLatestAsync(false, Ct));
        Assert.Equal((ProbeState.Closed, ProbeReason.ConnRefused, "127.0.0.1"), (latest.LastState, latest.LastReason, latest.LastAddress));
        Assert.Equal(1, latest.State.ConsecutiveFailures);
        var uptime = Assert.Single(await store.GetUptimeAsync(T0, T0.AddMinutes(1), Ct));
        Assert.Equal((3L, 2L, 1L), (uptime.Probes, uptime.Successes, uptime.Failures));
        Assert.Equal(2.0 / 3, uptime.Uptime!.Value, 6);
    }

    [Fact]
    public async Task Compact_RollsRawIntoMinutesAndHours_UptimeUnchanged_OldestDeleted()
    {
        await using var store = await OpenAsync();
        // Ten days of one probe per minute: successes except every tenth.
        var records = new List<ProbeRecord>();
        for (var minute = 0; minute < 10 * 24 * 60; minute++)
        {
            var outcome = minute % 10 == 9 ? Fail(minute * 60) : Ok(minute * 60);
            records.Add(new ProbeRecord(Web, outcome, TargetState.Initial));
        }

        await store.RecordAsync(records, Ct);
        var end = T0.AddDays(10);
        var before = Assert.Single(await store.GetUptimeAsync(T0, end, Ct));

        await store.CompactAsync(end, new HistoryRetention(Raw: TimeSpan.FromDays(1), Minutes: TimeSpan.FromDays(3), Hours: TimeSpan.FromDays(30)), Ct);

        var after = Assert.Single(await store.GetUptimeAsync(T0, end, Ct));
        Assert.Equal(before, after);
        Assert.Equal(0.9, after.Uptime!.Value, 6);
        var hourly = await store.GetSeriesAsync(Web, T0, end, TimeSpan.FromHours(1), Ct);
        Assert.Equal(240, hourly.Count);
        Assert.All(hourly, p => Assert.Equal(60, p.Probes));
        Assert.All(hourly, p => Assert.Equal(TimeSpan.FromMilliseconds(1), p.LatencyAverage));

        await store.CompactAsync(end.AddDays(25), new HistoryRetention(TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(30)), Ct);
        var left = Assert.Single(await store.GetUptimeAsync(T0, end, Ct));
        Assert.Equal(5 * 24 * 60, left.Probes); // the first five days are now older than 30 days
    }

    [Fact]
    public async Task Compact_ResultsArrivingForARolledUpMinute_AreMergedIntoIt()
    {
        await using var store = await OpenAsync();
        var retention = new HistoryRetention(Raw: TimeSpan.FromMinutes(1), Minutes: TimeSpan.FromDays(1), Hours: TimeSpan.FromDays(30));
        await store.RecordAsync([new ProbeRecord(Web, Fail(0), TargetState.Initial)], Ct);
        await store.CompactAsync(T0.AddMinutes(2), retention, Ct);

        // The minute already has a row (without round trips): the next compaction adds to it.
        var slow = Ok(20) with { Latency = TimeSpan.FromMilliseconds(3) };
        await store.RecordAsync([new ProbeRecord(Web, Ok(10), TargetState.Initial), new ProbeRecord(Web, slow, TargetState.Initial)], Ct);
        await store.CompactAsync(T0.AddMinutes(3), retention, Ct);

        var minute = Assert.Single(await store.GetSeriesAsync(Web, T0, T0.AddHours(1), TimeSpan.FromMinutes(1), Ct));
        Assert.Equal((T0, 3L, 2L, 1L), (minute.Start, minute.Probes, minute.Successes, minute.Failures));
        Assert.Equal((TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(3)), (minute.LatencyMin, minute.LatencyMax));
        Assert.Equal(TimeSpan.FromMilliseconds(2), minute.LatencyAverage);
    }

    [Fact]
    public async Task Compact_ExpiredIncident_TakesItsSentAlertsOutOfTheOutbox()
    {
        await using var store = await OpenAsync();
        var down = await GoDownAsync(store, Web, 0);
        var recovered = TargetStateMachine.Apply(down, Ok(30), Damping);
        await store.CommitTransitionAsync(Web, recovered, OneChannel, T0.AddSeconds(30), Ct);
        foreach (var alert in await store.GetDueAlertsAsync(T0.AddMinutes(1), 10, Ct))
        {
            await store.MarkAlertSentAsync(alert.Id, T0.AddMinutes(1), Ct);
        }

        Assert.Equal(2, await CountOutboxRowsAsync());

        // Sixty days on, the incident is past the 30 days of history and its alerts past the outbox's week.
        await store.CompactAsync(T0.AddDays(60), new HistoryRetention(TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(30)), Ct);

        Assert.Empty(await store.GetIncidentsAsync(new IncidentQuery(), Ct));
        Assert.Equal(0, await CountOutboxRowsAsync());
    }

    [Fact]
    public async Task Compact_ExpiredIncident_WithAnAlertStillPending_IsKeptUntilTheAlertIsDone()
    {
        await using var store = await OpenAsync();
        var down = await GoDownAsync(store, Web, 0);
        await store.CommitTransitionAsync(Web, TargetStateMachine.Apply(down, Ok(30), Damping), OneChannel, T0.AddSeconds(30), Ct);
        var retention = new HistoryRetention(TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(30));

        await store.CompactAsync(T0.AddDays(60), retention, Ct);

        Assert.Single(await store.GetIncidentsAsync(new IncidentQuery(), Ct));
        var pending = await store.GetDueAlertsAsync(T0.AddDays(60), 10, Ct);
        Assert.Equal(2, pending.Count);
        foreach (var alert in pending)
        {
            await store.MarkAlertAbandonedAsync(alert.Id, T0.AddDays(60), "gave up", Ct);
        }

        await store.CompactAsync(T0.AddDays(70), retention, Ct);
        Assert.Empty(await store.GetIncidentsAsync(new IncidentQuery(), Ct));
        Assert.Equal(0, await CountOutboxRowsAsync());
    }

    private protected async Task<TargetState> GoDownAsync(IMonitorStore store, TargetKey key, int second)
    {
        var state = TargetState.Initial;
        StateTransition? transition = null;
        var records = new List<ProbeRecord>();
        foreach (var outcome in new[] { Fail(second), Fail(second + 1) })
        {
            transition = TargetStateMachine.Apply(state, outcome, Damping);
            state = transition.Current;
            records.Add(new ProbeRecord(key, outcome, state));
        }

        Assert.Equal(TransitionKind.WentDown, transition!.Kind);
        var saved = await store.CommitTransitionAsync(key, transition, OneChannel, T0.AddSeconds(second + 1), Ct);
        await store.RecordAsync(records, Ct);
        return saved;
    }

    private protected static ProbeOutcome Ok(int second) =>
        new(T0.AddSeconds(second), ProbeVerdict.Success, ProbeState.Open, ProbeReason.SynAck, TimeSpan.FromMilliseconds(1), IPAddress.Loopback);

    private protected static ProbeOutcome Fail(int second) =>
        new(T0.AddSeconds(second), ProbeVerdict.Failure, ProbeState.Closed, ProbeReason.ConnRefused, null, IPAddress.Loopback, "Connection refused");
}
