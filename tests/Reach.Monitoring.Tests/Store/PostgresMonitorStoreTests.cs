using Npgsql;
using Reach.Monitoring.Config;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Store;

/// <summary>The store contract against a private PostgreSQL server, plus what sharing one database between agents needs.</summary>
public sealed class PostgresMonitorStoreTests(PostgresServer server) : MonitorStoreContractTests
{
    private string? database;

    [Fact]
    public async Task TwoAgents_SameTarget_KeepSeparateStatesIncidentsAndAlerts()
    {
        await using var a = await OpenAsAsync("agent-a");
        await using var b = await OpenAsAsync("agent-b");
        await a.SyncTargetsAsync([Web], T0, Ct);
        await b.SyncTargetsAsync([Web], T0, Ct);

        await GoDownAsync(a, Web, 0);

        Assert.Equal(TargetHealth.Down, (await a.LoadStatesAsync(Ct))[Web].Status);
        Assert.Equal(TargetHealth.Unknown, (await b.LoadStatesAsync(Ct))[Web].Status);
        Assert.Single(await a.GetIncidentsAsync(new IncidentQuery(OpenOnly: true), Ct));
        Assert.Empty(await b.GetIncidentsAsync(new IncidentQuery(), Ct));
        Assert.Empty(await b.GetDueAlertsAsync(T0.AddHours(1), 10, Ct)); // b never sends a's alert
        Assert.Equal(0, await b.EnqueueDueRepeatsAsync(T0.AddDays(1), TimeSpan.FromMinutes(1), OneChannel, Ct));

        // b retiring the target leaves a's incident open.
        await b.SyncTargetsAsync([], T0.AddMinutes(1), Ct);
        Assert.Single(await a.GetIncidentsAsync(new IncidentQuery(OpenOnly: true), Ct));

        await using var all = new PostgresMonitorStore(server.ConnectionString(database!), "viewer", allAgents: true);
        await all.InitializeAsync(Ct);
        Assert.Equal(2, (await all.GetLatestAsync(includeRetired: true, Ct)).Count(s => s.Target == Web));
        Assert.Single(await all.GetIncidentsAsync(new IncidentQuery(Target: Web), Ct));
    }

    [Fact]
    public async Task OnePendingAlert_TwoDispatchers_ClaimedOnce_AgainOnlyAfterTheLease()
    {
        await using var first = await OpenAsAsync("agent-a");
        await using var second = await OpenAsAsync("agent-a"); // two processes of one agent
        await GoDownAsync(first, Web, 0);
        var now = T0.AddSeconds(5);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? first : second).GetDueAlertsAsync(now, 10, Ct)));

        Assert.Single(claims.SelectMany(c => c));
        Assert.Empty(await second.GetDueAlertsAsync(now.AddSeconds(1), 10, Ct));
        // The claimant died without marking it: after the lease another dispatcher takes it, once.
        var retaken = Assert.Single(await second.GetDueAlertsAsync(now + PostgresMonitorStore.ClaimLease, 10, Ct));
        Assert.Empty(await first.GetDueAlertsAsync(now + PostgresMonitorStore.ClaimLease, 10, Ct));
        await second.MarkAlertSentAsync(retaken.Id, now + PostgresMonitorStore.ClaimLease, Ct);
        Assert.Empty(await first.GetDueAlertsAsync(now.AddDays(1), 10, Ct));
    }

    [Fact]
    public async Task AgentsStartingTogether_CreateTheSchemaOnce_WithoutErrors()
    {
        database ??= await server.CreateDatabaseAsync();
        var stores = Enumerable.Range(0, 6).Select(i => new PostgresMonitorStore(server.ConnectionString(database), $"agent-{i}")).ToList();

        await Task.WhenAll(stores.Select(s => s.InitializeAsync(Ct)));
        await Task.WhenAll(stores.Select(s => s.SyncTargetsAsync([Web], T0, Ct)));

        await using var all = new PostgresMonitorStore(server.ConnectionString(database), "viewer", allAgents: true);
        Assert.Equal(6, (await all.GetLatestAsync(includeRetired: false, Ct)).Count);
        foreach (var store in stores)
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task TwoAgents_CompactTheirOwnHistoryOnly()
    {
        await using var a = await OpenAsAsync("agent-a");
        await using var b = await OpenAsAsync("agent-b");
        foreach (var store in new[] { a, b })
        {
            await store.RecordAsync([.. Enumerable.Range(0, 120).Select(m => new ProbeRecord(Web, Ok(m * 60), TargetState.Initial))], Ct);
        }

        var end = T0.AddHours(2);
        await Task.WhenAll(a.CompactAsync(end, new HistoryRetention(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30), TimeSpan.FromDays(30)), Ct),
            b.CompactAsync(end, new HistoryRetention(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30), TimeSpan.FromDays(30)), Ct));

        Assert.Equal(120, Assert.Single(await a.GetUptimeAsync(T0, end, Ct)).Probes);
        Assert.Equal(120, Assert.Single(await b.GetUptimeAsync(T0, end, Ct)).Probes);
    }

    private protected override Task<IMonitorStore> OpenAsync() => OpenAsAsync("test-agent");

    protected override async Task<long> CountOutboxRowsAsync()
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString(database!));
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM outbox", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task<IMonitorStore> OpenAsAsync(string agent)
    {
        database ??= await server.CreateDatabaseAsync();
        var store = new PostgresMonitorStore(server.ConnectionString(database), agent);
        await store.InitializeAsync(Ct);
        return store;
    }
}
