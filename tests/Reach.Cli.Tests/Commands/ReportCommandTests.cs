using System.Net;
using System.Text.Json.Nodes;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;
using Reach.Probes;

namespace Reach.Cli.Tests.Commands;

/// <summary><c>reach report</c> over a store the test writes: one target that went DOWN at 12:02 and came back at 12:05.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TargetKey Web = new("web", "192.0.2.10", 80);
    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "reach-report-test-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    public void Dispose()
    {
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Theory]
    [InlineData("--since", "yesterday", "--since: ")]
    [InlineData("--since", "0", "--since: ")]
    [InlineData("--from", "31/01/2026", "--from: '31/01/2026' is not an ISO 8601 time")]
    public async Task BadPeriod_OneLineNamingTheOption_Exit2(string option, string value, string expected)
    {
        var (code, output, error) = await CliRunner.RunAsync("report", "--data", dataDir, option, value);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.StartsWith("reach: " + expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task FromAfterTo_Exit2_OneLine()
    {
        var (code, _, error) = await CliRunner.RunAsync("report", "--data", dataDir, "--from", "2026-01-02", "--to", "2026-01-01");

        Assert.Equal(2, code);
        Assert.Equal("reach: --from 2026-01-02T00:00:00Z is not before --to 2026-01-01T00:00:00Z", error.TrimEnd());
    }

    [Fact]
    public async Task SinceWithFrom_Exit2()
    {
        var (code, _, error) = await CliRunner.RunAsync("report", "--data", dataDir, "--since", "7d", "--from", "2026-01-01");

        Assert.Equal(2, code);
        Assert.Contains("--since and --from exclude each other", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingStore_OneLineExit69_AndCreatesNothing()
    {
        var (code, output, error) = await CliRunner.RunAsync("report", "--data", dataDir);

        Assert.Equal(69, code);
        Assert.Empty(output);
        Assert.Equal($"reach: no history in {dataDir} (is reach watch running with --data {dataDir}?)", error.TrimEnd());
        Assert.False(Directory.Exists(dataDir));
    }

    [Fact]
    public async Task Json_HasTheDocumentedShape_AndExactNumbers()
    {
        await FillAsync();

        var (code, output, error) = await CliRunner.RunAsync("report", "--data", dataDir, "--from", "2026-01-01T12:00:00Z", "--to", "2026-01-01T12:10:00Z", "--json");

        Assert.True(code == 0, error);
        var doc = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(["from", "to", "generated_at", "targets", "incidents"], doc.Select(p => p.Key));
        Assert.Equal("2026-01-01T12:00:00Z", (string)doc["from"]!);
        var target = doc["targets"]!.AsArray().Single()!.AsObject();
        Assert.Equal(
            ["check", "host", "port", "target", "active", "state_now", "uptime_percent", "probes", "successes", "failures", "down_seconds", "incidents", "last_error"],
            target.Select(p => p.Key));
        Assert.Equal(("web", "192.0.2.10", 80, "up"), ((string)target["check"]!, (string)target["host"]!, (int)target["port"]!, (string)target["state_now"]!));
        Assert.Equal((70.0, 10L, 3L, 180.0, 1), ((double)target["uptime_percent"]!, (long)target["probes"]!, (long)target["failures"]!, (double)target["down_seconds"]!, (int)target["incidents"]!));
        var incident = doc["incidents"]!.AsArray().Single()!.AsObject();
        Assert.Equal(
            ["id", "check", "host", "port", "target", "start", "end", "open", "duration_seconds", "reason", "last_error", "end_note"],
            incident.Select(p => p.Key));
        Assert.Equal(("2026-01-01T12:02:00Z", "2026-01-01T12:05:00Z", false, 180.0), ((string)incident["start"]!, (string)incident["end"]!, (bool)incident["open"]!, (double)incident["duration_seconds"]!));
    }

    [Fact]
    public async Task Table_ListsTargetAndIncident_ExitCodeOptionTurnsDowntimeInto1()
    {
        await FillAsync();
        string[] period = ["report", "--data", dataDir, "--from", "2026-01-01T12:00:00Z", "--to", "2026-01-01T12:10:00Z"];

        var (code, output, _) = await CliRunner.RunAsync(period);
        var (flagged, _, _) = await CliRunner.RunAsync([.. period, "--exit-code"]);
        var (quietPeriod, _, _) = await CliRunner.RunAsync("report", "--data", dataDir, "--from", "2026-01-01T12:06:00Z", "--to", "2026-01-01T12:10:00Z", "--exit-code");

        Assert.Equal((0, 1, 0), (code, flagged, quietPeriod));
        Assert.Contains("192.0.2.10:80", output, StringComparison.Ordinal);
        Assert.Contains("70%", output, StringComparison.Ordinal);
        Assert.Contains("2026-01-01T12:02:00Z", output, StringComparison.Ordinal);
        Assert.Contains("3m 0s", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCheck_Exit2_NamingTheKnownOnes()
    {
        await FillAsync();

        var (code, output, error) = await CliRunner.RunAsync("report", "--data", dataDir, "--check", "nosuch");
        var (known, _, _) = await CliRunner.RunAsync("report", "--data", dataDir, "--check", "web");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal("reach: --check: no check 'nosuch' in the history (known: web)", error.TrimEnd());
        Assert.Equal(0, known);
    }

    [Fact]
    public async Task UnknownStore_Exit2()
    {
        var (code, _, error) = await CliRunner.RunAsync("report", "--data", dataDir, "--store", "mysql");

        Assert.Equal(2, code);
        Assert.Equal("reach: --store: not a store: use sqlite or postgres://user:password@host:port/database", error.TrimEnd());
    }

    /// <summary>Ten probes a minute apart from 12:00: failures at 12:02–12:04 (DOWN after 2), success again at 12:05.</summary>
    private async Task FillAsync()
    {
        await using var store = new SqliteMonitorStore(dataDir);
        await store.InitializeAsync(ct);
        var state = TargetState.Initial;
        const string pattern = "++---+++++";
        for (var i = 0; i < pattern.Length; i++)
        {
            var at = T0.AddMinutes(i);
            var outcome = pattern[i] == '+'
                ? new ProbeOutcome(at, ProbeVerdict.Success, ProbeState.Open, ProbeReason.SynAck, TimeSpan.FromMilliseconds(1), IPAddress.Loopback)
                : new ProbeOutcome(at, ProbeVerdict.Failure, ProbeState.Closed, ProbeReason.ConnRefused, null, IPAddress.Loopback, "Connection refused");
            var transition = TargetStateMachine.Apply(state, outcome, new Thresholds(2, 1));
            state = transition.Changed ? await store.CommitTransitionAsync(Web, transition, [], at, ct) : transition.Current;
            await store.RecordAsync([new ProbeRecord(Web, outcome, state)], ct);
        }
    }
}
