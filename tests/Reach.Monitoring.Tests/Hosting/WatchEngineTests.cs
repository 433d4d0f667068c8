using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reach.Monitoring.Alerts;
using Reach.Monitoring.Config;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Hosting;
using Reach.Monitoring.Scheduling;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.Scheduling;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Hosting;

/// <summary>
/// The whole watch pipeline (scheduler → state machine → store → outbox → dispatcher) over a scripted prober, a fake
/// clock the test moves, a real SQLite store in a temp folder and a recording alert channel: no packet leaves, no
/// real second passes. The "one alert per state change" promise is proved here, where time is cheap, instead of by
/// waiting seconds in the integration tests.
/// </summary>
public sealed partial class WatchEngineTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(1);
    private static readonly TargetKey Web = new("web", "10.0.0.5", 80);
    private static readonly TargetKey Db = new("web", "10.0.0.6", 80);
    private static readonly TargetKey Cache = new("web", "10.0.0.7", 80);

    private readonly TempDirectory dir = new();
    private readonly FakeTimeProvider time = new(Start);
    private readonly FakeProber prober = new();
    private readonly ConcurrentDictionary<string, RecordingChannel> channels = new(StringComparer.Ordinal);
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;
    private Run? run;

    public async ValueTask DisposeAsync()
    {
        if (run is not null)
        {
            await run.DisposeAsync();
        }

        dir.Dispose();
    }

    private WatchEngine Engine => run!.Engine;

    private SqliteMonitorStore Store => run!.Store;

    /// <summary>The one alert channel of the configuration (its webhook is never contacted: the channel records).</summary>
    private RecordingChannel Hook => channels.Values.Single();

    [Fact]
    public async Task TargetStopsAnswering_GoesDown_IncidentOpened_OneAlert_NoSecondWhileItStaysDown()
    {
        // Given a target that is UP,
        await StartAsync(Config(Web));
        await AdvanceUntilAsync(async () => (await StateOf(Web)).Status == TargetHealth.Up, "web UP");
        Assert.Empty(Hook.Sent); // no alert for the first UP

        // when it stops answering for down_after probes,
        prober.Refuse(Web);
        await AdvanceUntilAsync(() => Task.FromResult(!Hook.Sent.IsEmpty), "the DOWN alert");

        // then it is DOWN, the incident is stored, and the alert names it;
        var down = await StateOf(Web);
        Assert.Equal(TargetHealth.Down, down.Status);
        var incident = Assert.Single(await Store.GetIncidentsAsync(new IncidentQuery(), ct));
        Assert.True(incident.IsOpen);
        Assert.Equal(Web, incident.Target);
        Assert.Equal("closed (conn-refused): Connection refused", incident.Reason);
        Assert.Equal(down.OpenIncidentId, incident.Id);
        var alert = Assert.Single(Hook.Sent);
        Assert.Equal((AlertKind.Down, "web/10.0.0.5:80", incident.Id), (alert.Event, alert.Target, alert.IncidentId));

        // and while it stays down, more failing probes (and dispatcher polls) send nothing more.
        await AdvanceUntilAsync(async () => (await StateOf(Web)).ConsecutiveFailures >= down.ConsecutiveFailures + 6, "six more failing probes");
        Assert.Equal(["down"], Hook.Events);
        Assert.Empty(await Store.GetDueAlertsAsync(time.GetUtcNow().AddDays(1), 10, ct));
        Assert.Single(await Store.GetIncidentsAsync(new IncidentQuery(), ct));
        Assert.Equal(1, Engine.Alerts.Delivered);
    }

    [Fact]
    public async Task TargetAnswersAgain_Recovers_IncidentClosed_OneRecoveryAlertForTheSameIncident()
    {
        // Given a target that went DOWN and was alerted,
        await StartAsync(Config(Web));
        prober.Refuse(Web);
        await AdvanceUntilAsync(() => Task.FromResult(!Hook.Sent.IsEmpty), "the DOWN alert");
        var incidentId = Hook.Sent.Single().IncidentId;

        // when it answers again,
        prober.Answer(Web);
        await AdvanceUntilAsync(() => Task.FromResult(Hook.Sent.Count >= 2), "the recovery alert");

        // then it is UP, its incident is closed, and the recovery names the same incident, once.
        Assert.Equal(TargetHealth.Up, (await StateOf(Web)).Status);
        var incident = Assert.Single(await Store.GetIncidentsAsync(new IncidentQuery(), ct));
        Assert.Equal(incidentId, incident.Id);
        Assert.NotNull(incident.End);
        Assert.Null(incident.EndNote);
        Assert.Equal(["down", "recovered"], Hook.Events);
        Assert.Equal(incidentId, Hook.Sent.Last().IncidentId);

        var successes = (await StateOf(Web)).ConsecutiveSuccesses;
        await AdvanceUntilAsync(async () => (await StateOf(Web)).ConsecutiveSuccesses >= successes + 3, "three more answered probes");
        Assert.Equal(["down", "recovered"], Hook.Events);
        Assert.Empty(await Store.GetDueAlertsAsync(time.GetUtcNow().AddDays(1), 10, ct));
    }

    [Fact]
    public async Task StillDown_RepeatAlertAfterTheRepeatInterval_ForTheOpenIncident()
    {
        await StartAsync(Config([Web], repeat: "1m"));
        prober.Refuse(Web);
        await AdvanceUntilAsync(() => Task.FromResult(!Hook.Sent.IsEmpty), "the DOWN alert");

        await AdvanceUntilAsync(() => Task.FromResult(Hook.Sent.Count >= 2), "the repeat alert");

        Assert.Equal(["down", "repeat"], Hook.Events);
        var (down, repeat) = (Hook.Sent.First(), Hook.Sent.Last());
        Assert.Equal(down.IncidentId, repeat.IncidentId);
        Assert.True(repeat.Time - down.Time >= TimeSpan.FromMinutes(1), $"repeated {repeat.Time - down.Time} after the DOWN alert");
    }

    [Fact]
    public async Task Reload_AddsAndRemovesTargets_TheKeptOneKeepsItsStateAndIncident_NoAlertForEither()
    {
        // Given two targets DOWN, each alerted,
        await StartAsync(Config(Web, Db));
        prober.Refuse(Web);
        prober.Refuse(Db);
        await AdvanceUntilAsync(() => Task.FromResult(Hook.Sent.Count >= 2), "two DOWN alerts");
        var webBefore = await StateOf(Web);

        // when a new configuration keeps one, drops the other and adds a third,
        var next = Config(Web, Cache);
        await Engine.ReloadAsync(next, ct);
        var dbProbes = prober.CountOf(Db);

        // then the engine runs the new configuration: the kept target is still DOWN in the same incident,
        Assert.Same(next, Engine.Config);
        var states = await Engine.SnapshotAsync(ct);
        Assert.Equal([Web, Cache], states.Keys.OrderBy(k => k.Host, StringComparer.Ordinal));
        Assert.Equal((TargetHealth.Down, webBefore.OpenIncidentId), (states[Web].Status, states[Web].OpenIncidentId));

        // the dropped one's incident is closed with a note and no recovery alert, its history kept as retired,
        var dbIncident = Assert.Single(await Store.GetIncidentsAsync(new IncidentQuery(Target: Db), ct));
        Assert.Equal("removed from the configuration", dbIncident.EndNote);
        var retired = Assert.Single(await Store.GetLatestAsync(includeRetired: true, ct), s => s.Target == Db);
        Assert.False(retired.Active);

        // and the new one is probed in its slot while the dropped one is not probed again.
        await AdvanceUntilAsync(async () => (await StateOf(Cache)).Status == TargetHealth.Up, "the added target UP");
        await AdvanceUntilAsync(async () => (await StateOf(Web)).ConsecutiveFailures >= webBefore.ConsecutiveFailures + 2, "two more probes of the kept target");
        Assert.Equal(dbProbes, prober.CountOf(Db));
        Assert.Equal(["down", "down"], Hook.Events);
        Assert.Empty(await Store.GetDueAlertsAsync(time.GetUtcNow().AddDays(1), 10, ct));
    }

    [Fact]
    public async Task Stop_EndsProbing_EveryResultTakenIsInTheStore()
    {
        // Given an engine that has probed a few times (some results perhaps still in the one-second buffer),
        await StartAsync(Config(Web, Db));
        await AdvanceUntilAsync(async () => (await StateOf(Db)).ConsecutiveSuccesses >= 5, "five probes of each target");

        // when it stops,
        await Engine.StopAsync();
        Assert.False(Engine.IsRunning);
        var probed = prober.Calls.Count;

        // then no probe starts any more, however far time moves (the scheduler's loop has ended),
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(probed, prober.Calls.Count);

        // and every probe made is in the store: the last buffered results were written at stop.
        var uptime = await Store.GetUptimeAsync(Start.AddHours(-1), time.GetUtcNow().AddHours(1), ct);
        Assert.Equal((long)probed, uptime.Sum(u => u.Probes));
        Assert.Equal((long)prober.CountOf(Web), uptime.Single(u => u.Target == Web).Probes);
    }

    [Fact]
    public async Task RestartWhileDown_TheOpenIncidentGoesOn_NoSecondDownAlert_RecoveryClosesIt()
    {
        // Given a target DOWN and alerted when the service stops,
        await StartAsync(Config(Web));
        prober.Refuse(Web);
        await AdvanceUntilAsync(() => Task.FromResult(!Hook.Sent.IsEmpty), "the DOWN alert");
        var incidentId = Hook.Sent.Single().IncidentId;
        await RestartAsync(Config(Web));

        // when the restarted service finds it DOWN in the store and it keeps failing,
        var resumed = await StateOf(Web);
        Assert.Equal((TargetHealth.Down, incidentId), (resumed.Status, resumed.OpenIncidentId));
        await AdvanceUntilAsync(async () => (await StateOf(Web)).ConsecutiveFailures >= resumed.ConsecutiveFailures + 4, "four failing probes after the restart");

        // then no new alert goes out, and the recovery closes the same incident.
        Assert.Equal(["down"], Hook.Events);
        Assert.Empty(await Store.GetDueAlertsAsync(time.GetUtcNow().AddDays(1), 10, ct));
        prober.Answer(Web);
        await AdvanceUntilAsync(() => Task.FromResult(Hook.Sent.Count >= 2), "the recovery alert");
        Assert.Equal(["down", "recovered"], Hook.Events);
        Assert.Equal(incidentId, Hook.Sent.Last().IncidentId);
        Assert.Equal(incidentId, Assert.Single(await Store.GetIncidentsAsync(new IncidentQuery(), ct)).Id);
    }

    [Fact]
    public async Task AlertStillPendingAtRestart_IsSentOnceAfterIt_NeverAgain()
    {
        // Given a DOWN alert the receiver refused when the service stopped,
        await StartAsync(Config(Web));
        Hook.Failing = true;
        prober.Refuse(Web);
        await AdvanceUntilAsync(() => Task.FromResult(Hook.Attempts >= 1), "a refused DOWN alert");
        await RestartAsync(Config(Web));
        Assert.Empty(Hook.Sent);

        // when the receiver is back,
        Hook.Failing = false;
        await AdvanceUntilAsync(() => Task.FromResult(!Hook.Sent.IsEmpty), "the pending DOWN alert");

        // then it went out once, and more probes and polls send it no more.
        var failures = (await StateOf(Web)).ConsecutiveFailures;
        await AdvanceUntilAsync(async () => (await StateOf(Web)).ConsecutiveFailures >= failures + 4, "four more failing probes");
        Assert.Equal(["down"], Hook.Events);
        Assert.Empty(await Store.GetDueAlertsAsync(time.GetUtcNow().AddDays(1), 10, ct));
    }

    private WatchConfig Config(params TargetKey[] targets) => Config(targets, repeat: null);

    private WatchConfig Config(TargetKey[] targets, string? repeat, string checkKeys = "")
    {
        var list = string.Join(", ", targets.Select(t => $"\"{t.Host}:{t.Port}\""));
        var repeatLine = repeat is null ? string.Empty : $"repeat: {repeat}\n";
        var text = $"interval: 10s\ntimeout: 5s\ndown_after: 2\nup_after: 1\n{repeatLine}checks:\n  - name: web\n    targets: [{list}]\n{checkKeys}alerts:\n  - webhook: http://127.0.0.1:9/hook\n";
        return WatchConfigLoader.Parse(text, Path.Combine(dir.Path, "reach.yaml"), dir.Path, ct);
    }

    private async Task StartAsync(WatchConfig config)
    {
        run = new Run(dir.Path, time, prober, channels);
        await run.Engine.StartAsync(config, ct);
    }

    /// <summary>Stops the engine and closes the store, then starts a new engine over the same folder (a restart).</summary>
    private async Task RestartAsync(WatchConfig config)
    {
        await run!.DisposeAsync();
        run = null;
        await StartAsync(config);
    }

    private async Task<TargetState> StateOf(TargetKey key) =>
        (await Engine.SnapshotAsync(ct)).GetValueOrDefault(key) ?? TargetState.Initial;

    /// <summary>
    /// Moves the fake clock a second at a time, letting the engine's loops run between steps, until
    /// <paramref name="done"/> holds; fails after a few hundred simulated seconds (or ten real ones) without it.
    /// </summary>
    private async Task AdvanceUntilAsync(Func<Task<bool>> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        var limit = time.GetUtcNow() + TimeSpan.FromMinutes(10);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline || time.GetUtcNow() > limit)
            {
                Assert.Fail($"timed out waiting for {what} (fake time {time.GetUtcNow() - Start} after start)");
            }

            time.Advance(Step);
            await Task.Delay(1, ct);
        }
    }

    /// <summary>One run of the service: a store over the folder, a dispatcher and an engine, disposed together.</summary>
    private sealed class Run : IAsyncDisposable
    {
        private readonly AlertDispatcher dispatcher;

        public Run(string folder, TimeProvider time, FakeProber prober, ConcurrentDictionary<string, RecordingChannel> channels)
        {
            var store = new SqliteMonitorStore(folder);
            Store = store;
            dispatcher = new AlertDispatcher(store, time, NullLogger<AlertDispatcher>.Instance);
            Engine = new WatchEngine(
                store,
                concurrency => new ProbeScheduler(prober, time, concurrency),
                dispatcher,
                configs => [.. configs.Select(c => channels.GetOrAdd(c.Key, key => new RecordingChannel(key)))],
                time,
                NullLogger<WatchEngine>.Instance);
        }

        public WatchEngine Engine { get; }

        public SqliteMonitorStore Store { get; }

        public async ValueTask DisposeAsync()
        {
            await Engine.DisposeAsync();
            dispatcher.Dispose();
            await Store.DisposeAsync();
        }
    }
}
