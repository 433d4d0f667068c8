using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Integration;

/// <summary>
/// The HTTP server of the real <c>reach watch</c> (a child process) on 127.0.0.1 and a port the test picked, watching
/// a port the test opens and closes on 127.0.0.1. Nothing else is contacted; nothing binds a non-loopback address.
/// </summary>
public sealed class WatchHttpIntegrationTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly TempDirectory dir = new();
    private readonly TcpTarget target = new();
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly int port = FreePort.OnLoopback();
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    public void Dispose()
    {
        http.Dispose();
        target.Dispose();
        dir.Dispose();
    }

    [Fact]
    public async Task ApiAndMetrics_ShowTheTargetUp_ThenDownWithItsIncident()
    {
        using var watch = WatchProcess.Start(WriteConfig(), DataDir, "--listen", $"127.0.0.1:{port}");
        await watch.WaitForLineAsync($"HTTP on http://127.0.0.1:{port}/");
        await watch.WaitForLineAsync($"{TargetName} UP");

        using (var health = await http.GetAsync(Url("/healthz"), ct))
        {
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            Assert.Equal("ok", (await health.Content.ReadAsStringAsync(ct)).Trim());
        }

        var up = await EventuallyTargetAsync("up", watch);
        Assert.Equal("local", (string)up["check"]!);
        Assert.Equal("127.0.0.1", (string)up["host"]!);
        Assert.Equal("127.0.0.1", (string)up["address"]!);
        Assert.Equal(target.Port, (int)up["port"]!);
        Assert.NotNull(up["since"]);
        Assert.True((double)up["last_rtt_ms"]! >= 0);
        Assert.True(up.AsObject().ContainsKey("uptime_24h") && up.AsObject().ContainsKey("uptime_7d") && up.AsObject().ContainsKey("uptime_30d"), up.ToJsonString());
        await EventuallyMetricAsync($"{UpSeries} 1", watch);
        var metrics = await http.GetStringAsync(Url("/metrics"), ct);
        Assert.Contains($"reach_probe_success{Labels} 1", metrics, StringComparison.Ordinal);
        Assert.Contains($"reach_probe_duration_seconds{Labels} ", metrics, StringComparison.Ordinal);
        Assert.Contains("reach_scheduler_lag_seconds{quantile=\"0.99\"} ", metrics, StringComparison.Ordinal);
        Assert.Contains("reach_alert_failures_total 0", metrics, StringComparison.Ordinal);

        target.Close();
        var down = await EventuallyTargetAsync("down", watch);
        Assert.StartsWith("closed (conn-refused)", (string)down["last_error"]!, StringComparison.Ordinal);
        await EventuallyMetricAsync($"{UpSeries} 0", watch);
        Assert.Contains($"reach_probe_success{Labels} 0", await http.GetStringAsync(Url("/metrics"), ct), StringComparison.Ordinal);

        var incidents = JsonNode.Parse(await http.GetStringAsync(Url("/api/incidents"), ct))!.AsArray();
        var incident = Assert.Single(incidents)!;
        Assert.Equal(TargetName, (string)incident["target"]!);
        Assert.True((bool)incident["open"]!);
        Assert.StartsWith("closed (conn-refused)", (string)incident["reason"]!, StringComparison.Ordinal);
        Assert.Equal((long)down["open_incident_id"]!, (long)incident["id"]!);

        var one = JsonNode.Parse(await http.GetStringAsync(Url("/api/checks/" + TargetName), ct))!;
        Assert.Equal("down", (string)one["state"]!);
        using (var missing = await http.GetAsync(Url("/api/checks/local/192.0.2.1:1"), ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        Assert.Equal(0, await watch.StopAsync());
    }

    [Fact]
    public async Task WithToken_EveryRequestButHealthzNeedsIt()
    {
        using var watch = WatchProcess.Start(WriteConfig(), DataDir, "--listen", $"127.0.0.1:{port}", "--token", "s3cret");
        await watch.WaitForLineAsync($"HTTP on http://127.0.0.1:{port}/");
        await Eventually.TrueAsync(() => Status("/healthz", null) == HttpStatusCode.OK, "/healthz 200\n" + watch.Log, Wait);
        Assert.Equal(HttpStatusCode.Unauthorized, Status("/api/checks", null));
        Assert.Equal(HttpStatusCode.Unauthorized, Status("/metrics", "wrong"));
        Assert.Equal(HttpStatusCode.OK, Status("/api/checks", "s3cret"));
        Assert.Equal(HttpStatusCode.OK, Status("/metrics", "s3cret"));
        Assert.Equal(0, await watch.StopAsync());
    }

    [Theory]
    [InlineData("0.0.0.0", "is not a loopback address: give --token")]
    [InlineData("192.0.2.1", "is not a loopback address: give --token")]
    public async Task NonLoopbackWithoutToken_IsOneLineAndExit2_BeforeBinding(string address, string expected)
    {
        using var watch = WatchProcess.Start(WriteConfig(), DataDir, "--listen", $"{address}:{port}");
        Assert.Equal(2, await watch.WaitForExitAsync());
        var line = Assert.Single(watch.Lines);
        Assert.StartsWith("reach: --listen ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadListenValue_IsOneLineAndExit2()
    {
        using var watch = WatchProcess.Start(WriteConfig(), DataDir, "--listen", "127.0.0.1");
        Assert.Equal(2, await watch.WaitForExitAsync());
        Assert.StartsWith("reach: --listen '127.0.0.1' is not ADDR:PORT", Assert.Single(watch.Lines), StringComparison.Ordinal);
    }

    private string DataDir => Path.Combine(dir.Path, "data");

    private string TargetName => $"local/127.0.0.1:{target.Port}";

    private string Labels => $"{{check=\"local\",target=\"local/127.0.0.1:{target.Port}\",host=\"127.0.0.1\",address=\"127.0.0.1\",port=\"{target.Port}\"}}";

    private string UpSeries => "reach_target_up" + Labels;

    private Uri Url(string path) => new($"http://127.0.0.1:{port}{path}");

    private HttpStatusCode Status(string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Url(path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        try
        {
            using var response = http.Send(request, ct);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return 0; // not listening yet
        }
    }

    private async Task<JsonNode> EventuallyTargetAsync(string state, WatchProcess watch)
    {
        JsonNode? found = null;
        var last = string.Empty;
        await Eventually.TrueAsync(
            () =>
            {
                last = http.GetStringAsync(Url("/api/checks"), ct).GetAwaiter().GetResult();
                found = JsonNode.Parse(last)!.AsArray().SingleOrDefault(t => (string)t!["id"]! == TargetName);
                // The state is saved at the change, the last round trip with the next batch (a second later).
                return found is not null && (string)found["state"]! == state && (state != "up" || found["last_rtt_ms"] is not null);
            },
            $"/api/checks with {TargetName} {state}: {last}\n{watch.Log}",
            Wait);
        return found!;
    }

    private async Task EventuallyMetricAsync(string sample, WatchProcess watch)
    {
        var last = string.Empty;
        await Eventually.TrueAsync(
            () => (last = http.GetStringAsync(Url("/metrics"), ct).GetAwaiter().GetResult()).Contains(sample + "\n", StringComparison.Ordinal),
            $"/metrics with '{sample}': {last}\n{watch.Log}",
            Wait);
    }

    private string WriteConfig() => dir.File("reach.yaml", $"""
        interval: 1s
        timeout: 500ms
        down_after: 2
        up_after: 1
        checks:
          - name: local
            targets: ["127.0.0.1:{target.Port}"]
        """);
}
