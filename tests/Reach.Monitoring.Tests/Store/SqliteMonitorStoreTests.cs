using Microsoft.Data.Sqlite;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;
using Reach.Probes;

namespace Reach.Monitoring.Tests.Store;

/// <summary>The store contract against the SQLite file store.</summary>
public sealed class SqliteMonitorStoreTests : MonitorStoreContractTests, IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private protected override async Task<IMonitorStore> OpenAsync()
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
        await ExecuteAsync("CREATE TRIGGER refuse BEFORE INSERT ON results WHEN NEW.reason = 'probe-failed' BEGIN SELECT RAISE(ABORT, 'disk full'); END");

        // Adding Web's row and then its result fails as one transaction: Web's row is rolled back.
        var refused = Ok(0) with { Reason = ProbeReason.ProbeFailed };
        await Assert.ThrowsAsync<SqliteException>(() => store.RecordAsync([new ProbeRecord(Web, refused, TargetState.Initial)], Ct));
        await ExecuteAsync("DROP TRIGGER refuse");

        // SQLite hands the rolled-back id to the next new target; Web must not reuse it from a stale cache.
        await store.RecordAsync([new ProbeRecord(other, Fail(1), TargetState.Initial)], Ct);
        await store.RecordAsync([new ProbeRecord(Web, Ok(2), TargetState.Initial)], Ct);

        var uptime = (await store.GetUptimeAsync(T0, T0.AddMinutes(1), Ct)).ToDictionary(u => u.Target, u => (u.Probes, u.Successes));
        Assert.Equal((1L, 1L), uptime[Web]);
        Assert.Equal((1L, 0L), uptime[other]);
    }

    [Fact]
    public async Task ProbeResults_AreStoredAsWords_AndReadBackAsTheSameState()
    {
        // The words in the file are the format: the enums must not change them.
        await using var store = await OpenAsync();
        var outcomes = new[]
        {
            Ok(0),
            Fail(1),
            Ok(2) with { State = ProbeState.Up, Reason = ProbeReason.EchoReply },
            Fail(3) with { State = ProbeState.Down, Reason = ProbeReason.Unreachable },
            Fail(4) with { State = ProbeState.Unresolved, Reason = ProbeReason.ResolveFailed },
            Fail(5) with { State = ProbeState.Error, Reason = ProbeReason.ProbeFailed },
        };
        foreach (var outcome in outcomes)
        {
            await store.RecordAsync([new ProbeRecord(Web, outcome, TargetState.Initial)], Ct);
        }

        Assert.Equal(
            ["open syn-ack", "closed conn-refused", "up echo-reply", "down unreachable", "unresolved resolve-failed", "error probe-failed"],
            await QueryAsync("SELECT state || ' ' || reason FROM results ORDER BY at"));
        Assert.Equal(["error probe-failed"], await QueryAsync("SELECT last_state || ' ' || last_reason FROM targets"));
        var latest = Assert.Single(await store.GetLatestAsync(false, Ct));
        Assert.Equal((ProbeState.Error, ProbeReason.ProbeFailed), (latest.LastState, latest.LastReason));
    }

    [Fact]
    public async Task LatestProbe_StoredWordThisVersionDoesNotKnow_ReadsAsNone()
    {
        await using var store = await OpenAsync();
        await store.RecordAsync([new ProbeRecord(Web, Ok(0), TargetState.Initial)], Ct);
        await ExecuteAsync("UPDATE targets SET last_state = 'half-open', last_reason = 'syn-ack'");

        var latest = Assert.Single(await store.GetLatestAsync(false, Ct));

        Assert.Equal((null, ProbeReason.SynAck), (latest.LastState, latest.LastReason));
    }

    private async Task<List<string>> QueryAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dir.Path, SqliteMonitorStore.FileName)}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
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
