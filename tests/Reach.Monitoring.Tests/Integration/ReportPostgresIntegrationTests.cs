using System.Text.Json.Nodes;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Integration;

/// <summary>
/// The real <c>reach report --store postgres://…</c> over the tests' private PostgreSQL server on 127.0.0.1,
/// filled by two agents the way reach watch fills it.
/// </summary>
public sealed class ReportPostgresIntegrationTests(PostgresServer server)
{
    private static readonly TargetKey Web = new("web", "192.0.2.10", 80);
    private static readonly TargetKey Db = new("db", "192.0.2.20", 5432);
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReportsTheNamedAgentsHistoryOnly()
    {
        var database = await server.CreateDatabaseAsync();
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        await FillAsync(database, "site-a", Web, start, "+++---++++"); // 7 of 10, one incident
        await FillAsync(database, "site-b", Db, start, "++++++++++");

        var (code, output, error) = await ReachProcess.RunAsync(
            "report", "--store", server.Uri(database), "--agent", "site-a", "--since", "1h", "--json");

        Assert.True(code == 0, $"exit {code}: {error}");
        var report = JsonNode.Parse(output)!;
        var row = Assert.Single(report["targets"]!.AsArray())!;
        Assert.Equal(("web", "192.0.2.10", 80), ((string)row["check"]!, (string)row["host"]!, (int)row["port"]!));
        Assert.Equal((10L, 7L, 3L, 1), ((long)row["probes"]!, (long)row["successes"]!, (long)row["failures"]!, (int)row["incidents"]!));
        Assert.Single(report["incidents"]!.AsArray());
    }

    [Fact]
    public async Task StoreFromReachStoreVariable_WhenNoOption()
    {
        var database = await server.CreateDatabaseAsync();
        await FillAsync(database, "site-a", Web, DateTimeOffset.UtcNow.AddMinutes(-30), "++++");

        var (code, output, error) = await ReachProcess.RunAsync(
            new Dictionary<string, string> { ["REACH_STORE"] = server.Uri(database) }, "report", "--agent", "site-a", "--since", "1h", "--json");

        Assert.True(code == 0, $"exit {code}: {error}");
        Assert.Equal(4, (long)JsonNode.Parse(output)!["targets"]!.AsArray().Single()!["probes"]!);
    }

    [Fact]
    public async Task BadReachStoreVariable_NamesTheVariable_Exit2()
    {
        var (code, _, error) = await ReachProcess.RunAsync(
            new Dictionary<string, string> { ["REACH_STORE"] = "postgres://reach:s3cret-pw@127.0.0.1:99999/reach" }, "report");

        Assert.Equal(2, code);
        Assert.Equal("reach: REACH_STORE: port '99999' is not a number from 1 to 65535", error.TrimEnd());
    }

    [Fact]
    public async Task DatabaseWatchNeverWrote_NoHistory_Exit69()
    {
        var database = await server.CreateDatabaseAsync();

        var (code, output, error) = await ReachProcess.RunAsync("report", "--store", server.Uri(database));

        Assert.Equal(69, code);
        Assert.Empty(output);
        Assert.StartsWith($"reach: no history in postgres://postgres@127.0.0.1:{server.Port}/{database}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServerUnreachable_OneLineWithoutPassword_Exit69()
    {
        using var closed = new TcpTarget();
        closed.Close(); // nothing listens there now: connection refused

        var (code, _, error) = await ReachProcess.RunAsync(
            "report", "--store", $"postgres://reach:s3cret-pw@127.0.0.1:{closed.Port}/reach?connect_timeout=5");

        Assert.Equal(69, code);
        Assert.StartsWith($"reach: cannot use the store postgres://reach@127.0.0.1:{closed.Port}/reach:", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("s3cret-pw", error, StringComparison.Ordinal);
    }

    private async Task FillAsync(string database, string agent, TargetKey key, DateTimeOffset start, string pattern)
    {
        await using var store = new PostgresMonitorStore(server.ConnectionString(database), agent);
        await store.InitializeAsync(ct);
        await ProbeHistory.PlayAsync(store, key, start, pattern, ct);
    }
}
