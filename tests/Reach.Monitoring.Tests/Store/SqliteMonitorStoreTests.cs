using System.Net;
using Reach.Monitoring.Config;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Store;

public sealed class SqliteMonitorStoreTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TargetKey Web = new("web", "10.0.0.5", 80);
    private static readonly TargetKey Db = new("web", "db01", 5432);
    private static readonly Thresholds Damping = new(2, 1);
    private static readonly string[] OneChannel = ["webhook:http://127.0.0.1:9/hook"];
    private readonly TempDirectory dir = new();
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    public void Dispose() => dir.Dispose();

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
            var state = (await reopened.LoadStatesAsync(ct))[Web];
            Assert.Equal(TargetStatus.Down, state.Status);
            Assert.Equal(T0, state.Since);
            var incident = Assert.Single(await reopened.GetIncidentsAsync(new IncidentQuery(OpenOnly: true), ct));
            Assert.Equal(state.OpenIncidentId, incident.Id);
            Assert.Equal("closed (conn-refused): Connection refused", incident.Reason);
            var alert = Assert.Single(await reopened.GetDueAlertsAsync(T0.AddSeconds(2), 10, ct));
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
            var alert = Assert.Single(await store.GetDueAlertsAsync(T0.AddMinutes(1), 10, ct));
            await store.MarkAlertSentAsync(alert.Id, T0.AddMinutes(1), ct);
            Assert.Empty(await store.GetDueAlertsAsync(T0.AddDays(1), 10, ct));
        }

        await using var reopened = await OpenAsync();
        Assert.Empty(await reopened.GetDueAlertsAsync(T0.AddDays(1), 10, ct));
    }

    [Fact]
    public async Task RetriedAlert_IsDueOnlyAtItsNextAttempt_AbandonedNever()
    {
        await using var store = await OpenAsync();
        await GoDownAsync(store, Web, 0);
        var alert = Assert.Single(await store.GetDueAlertsAsync(T0.AddSeconds(1), 10, ct));

        await store.MarkAlertRetryAsync(alert.Id, 1, T0.AddSeconds(10), "connection refused", ct);

        Assert.Empty(await store.GetDueAlertsAsync(T0.AddSeconds(9), 10, ct));
        Assert.Equal(1, Assert.Single(await store.GetDueAlertsAsync(T0.AddSeconds(10), 10, ct)).Attempts);
        await store.MarkAlertAbandonedAsync(alert.Id, T0.AddSeconds(11), "gave up", ct);
        Assert.Empty(await store.GetDueAlertsAsync(T0.AddDays(1), 10, ct));
    }

    [Fact]
    public async Task Recovered_ClosesTheIncident_AndQueuesARecoveryAlert()
    {
        await using var store = await OpenAsync();
        var down = await GoDownAsync(store, Web, 0);
        var transition = TargetStateMachine.Apply(down, Ok(30), Damping);
        Assert.Equal(TransitionKind.Recovered, transition.Kind);

        var saved = await store.CommitTransitionAsync(Web, transition, OneChannel, T0.AddSeconds(30), ct);

        Assert.Null(saved.OpenIncidentId);
        var incident = Assert.Single(await store.GetIncidentsAsync(new IncidentQuery(), ct));
        Assert.Equal(T0.AddSeconds(30), incident.End);
        Assert.Equal(TimeSpan.FromSeconds(30), incident.Duration(T0.AddDays(1)));
        Assert.Equal([AlertKind.Down, AlertKind.Recovered], (await store.GetDueAlertsAsync(T0.AddMinutes(1), 10, ct)).Select(a => a.Kind));
        Assert.Equal(TargetStatus.Up, (await store.LoadStatesAsync(ct))[Web].Status);
    }

    [Fact]
    public async Task Repeats_AreQueuedOncePerPeriod_WhileDown()
    {
        await using var store = await OpenAsync();
        await GoDownAsync(store, Web, 0);
        var repeat = TimeSpan.FromMinutes(30);

        Assert.Equal(0, await store.EnqueueDueRepeatsAsync(T0.AddMinutes(29), repeat, OneChannel, ct));
        Assert.Equal(1, await store.EnqueueDueRepeatsAsync(T0.AddMinutes(31), repeat, OneChannel, ct));
        Assert.Equal(0, await store.EnqueueDueRepeatsAsync(T0.AddMinutes(32), repeat, OneChannel, ct));
        Assert.Equal(1, await store.EnqueueDueRepeatsAsync(T0.AddMinutes(62), repeat, OneChannel, ct));

        var kinds = (await store.GetDueAlertsAsync(T0.AddHours(2), 10, ct)).Select(a => a.Kind);
        Assert.Equal([AlertKind.Down, AlertKind.Repeat, AlertKind.Repeat], kinds);
    }

    [Fact]
    public async Task RemovedTarget_IsRetired_ItsIncidentClosedWithoutAlert_HistoryKept()
    {
        await using var store = await OpenAsync();
        await store.SyncTargetsAsync([Web, Db], T0, ct);
        await GoDownAsync(store, Web, 0);

        await store.SyncTargetsAsync([Db], T0.AddMinutes(5), ct);

        Assert.False((await store.LoadStatesAsync(ct)).ContainsKey(Web));
        var incident = Assert.Single(await store.GetIncidentsAsync(new IncidentQuery(Target: Web), ct));
        Assert.Equal("removed from the configuration", incident.EndNote);
        Assert.Single(await store.GetDueAlertsAsync(T0.AddHours(1), 10, ct)); // only the original DOWN alert
        Assert.Contains(await store.GetLatestAsync(includeRetired: true, ct), s => s.Target == Web && !s.Active);
        Assert.DoesNotContain(await store.GetLatestAsync(includeRetired: false, ct), s => s.Target == Web);
        Assert.Equal(2, (await store.GetUptimeAsync(T0.AddHours(-1), T0.AddHours(1), ct)).Single(u => u.Target == Web).Probes);
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

        await store.RecordAsync(records, ct);

        var latest = Assert.Single(await store.GetLatestAsync(false, ct));
        Assert.Equal(("closed", "conn-refused", "127.0.0.1"), (latest.LastState, latest.LastReason, latest.LastAddress));
        Assert.Equal(1, latest.State.ConsecutiveFailures);
        var uptime = Assert.Single(await store.GetUptimeAsync(T0, T0.AddMinutes(1), ct));
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

        await store.RecordAsync(records, ct);
        var end = T0.AddDays(10);
        var before = Assert.Single(await store.GetUptimeAsync(T0, end, ct));

        await store.CompactAsync(end, new HistoryRetention(Raw: TimeSpan.FromDays(1), Minutes: TimeSpan.FromDays(3), Hours: TimeSpan.FromDays(30)), ct);

        var after = Assert.Single(await store.GetUptimeAsync(T0, end, ct));
        Assert.Equal(before, after);
        Assert.Equal(0.9, after.Uptime!.Value, 6);
        var hourly = await store.GetSeriesAsync(Web, T0, end, TimeSpan.FromHours(1), ct);
        Assert.Equal(240, hourly.Count);
        Assert.All(hourly, p => Assert.Equal(60, p.Probes));
        Assert.All(hourly, p => Assert.Equal(TimeSpan.FromMilliseconds(1), p.LatencyAverage));

        await store.CompactAsync(end.AddDays(25), new HistoryRetention(TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(30)), ct);
        var left = Assert.Single(await store.GetUptimeAsync(T0, end, ct));
        Assert.Equal(5 * 24 * 60, left.Probes); // the first five days are now older than 30 days
    }

    private async Task<SqliteMonitorStore> OpenAsync()
    {
        var store = new SqliteMonitorStore(dir.Path);
        await store.InitializeAsync(ct);
        return store;
    }

    private async Task<TargetState> GoDownAsync(SqliteMonitorStore store, TargetKey key, int second)
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
        var saved = await store.CommitTransitionAsync(key, transition, OneChannel, T0.AddSeconds(second + 1), ct);
        await store.RecordAsync(records, ct);
        return saved;
    }

    private static ProbeOutcome Ok(int second) =>
        new(T0.AddSeconds(second), ProbeVerdict.Success, "open", "syn-ack", TimeSpan.FromMilliseconds(1), IPAddress.Loopback);

    private static ProbeOutcome Fail(int second) =>
        new(T0.AddSeconds(second), ProbeVerdict.Failure, "closed", "conn-refused", null, IPAddress.Loopback, "Connection refused");
}
