using System.Text.Json.Nodes;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Integration;

/// <summary>
/// The real <c>reach watch</c> probing a port the test opened on 127.0.0.1, and the real <c>reach report --json</c>
/// reading its data folder while it still runs (WAL, read-only). Nothing else is contacted.
/// </summary>
public sealed class ReportIntegrationTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly TcpTarget target = new();

    public void Dispose()
    {
        target.Dispose();
        dir.Dispose();
    }

    [Fact]
    public async Task ReportWhileWatchRuns_ShowsTheOpenIncidentAndTheProbes()
    {
        var data = Path.Combine(dir.Path, "data");
        var config = dir.File("reach.yaml", $"""
            interval: 1s
            timeout: 500ms
            down_after: 2
            up_after: 1
            checks:
              - name: local
                targets: ["127.0.0.1:{target.Port}"]
            """);
        var name = $"local/127.0.0.1:{target.Port}";
        using var watch = WatchProcess.Start(config, data);
        await watch.WaitForLineAsync($"{name} UP");
        target.Close();
        await watch.WaitForLineAsync($"{name} DOWN");

        // Results are written in batches once a second, the DOWN transition at once: ask again until both are in.
        JsonNode report;
        JsonNode row;
        var attempts = 0;
        do
        {
            var (code, output, error) = await ReachProcess.RunAsync("report", "--data", data, "--since", "1h", "--json");
            Assert.True(code == 0, $"exit {code}: {error}\n{watch.Log}");
            report = JsonNode.Parse(output)!;
            row = report["targets"]!.AsArray().Single()!;
            if ((long)row["failures"]! >= 2 || ++attempts == 20)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }
        while (true);

        Assert.Equal(("local", "127.0.0.1", target.Port, "down"), ((string)row["check"]!, (string)row["host"]!, (int)row["port"]!, (string)row["state_now"]!));
        Assert.True((long)row["successes"]! >= 1 && (long)row["failures"]! >= 2, row.ToJsonString());
        Assert.Equal(1, (int)row["incidents"]!);
        var incident = report["incidents"]!.AsArray().Single()!;
        Assert.True((bool)incident["open"]!);
        Assert.StartsWith("closed (conn-refused)", (string)incident["reason"]!, StringComparison.Ordinal);
        Assert.Equal(0, await watch.StopAsync());
    }
}
