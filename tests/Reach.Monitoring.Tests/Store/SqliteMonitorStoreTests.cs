using Microsoft.Data.Sqlite;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Store;

/// <summary>The store contract against the SQLite file store.</summary>
public sealed class SqliteMonitorStoreTests : MonitorStoreContractTests, IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    protected override async Task<IMonitorStore> OpenAsync()
    {
        var store = new SqliteMonitorStore(dir.Path);
        await store.InitializeAsync(Ct);
        return store;
    }

    [Fact]
    public async Task FailedWrite_AddingATarget_LeavesNoIdBehind_TheTargetsHistoryStaysApart()
    {
        await using var store = await OpenAsync();
        var other = new TargetKey("web", "192.0.2.7", 443);
        await ExecuteAsync("CREATE TRIGGER refuse BEFORE INSERT ON results WHEN NEW.reason = 'boom' BEGIN SELECT RAISE(ABORT, 'disk full'); END");

        // Adding Web's row and then its result fails as one transaction: Web's row is rolled back.
        var refused = Ok(0) with { Reason = "boom" };
        await Assert.ThrowsAsync<SqliteException>(() => store.RecordAsync([new ProbeRecord(Web, refused, TargetState.Initial)], Ct));
        await ExecuteAsync("DROP TRIGGER refuse");

        // SQLite hands the rolled-back id to the next new target; Web must not reuse it from a stale cache.
        await store.RecordAsync([new ProbeRecord(other, Fail(1), TargetState.Initial)], Ct);
        await store.RecordAsync([new ProbeRecord(Web, Ok(2), TargetState.Initial)], Ct);

        var uptime = (await store.GetUptimeAsync(T0, T0.AddMinutes(1), Ct)).ToDictionary(u => u.Target, u => (u.Probes, u.Successes));
        Assert.Equal((1L, 1L), uptime[Web]);
        Assert.Equal((1L, 0L), uptime[other]);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dir.Path, SqliteMonitorStore.FileName)}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    protected override async Task<long> CountOutboxRowsAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dir.Path, SqliteMonitorStore.FileName)}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbox";
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
