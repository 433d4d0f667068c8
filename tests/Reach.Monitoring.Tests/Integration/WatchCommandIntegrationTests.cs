using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Integration;

/// <summary>
/// The real <c>reach watch</c> as a child process, probing a port the test opens on 127.0.0.1 every second and
/// alerting a webhook receiver and an SMTP sink that the test runs on 127.0.0.1. Nothing else is contacted.
/// </summary>
public sealed class WatchCommandIntegrationTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly TempDirectory dir = new();
    private readonly TcpTarget target = new();
    private readonly WebhookReceiver hooks = new();
    private readonly SmtpSink smtp = new();
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    public void Dispose()
    {
        target.Dispose();
        hooks.Dispose();
        smtp.Dispose();
        dir.Dispose();
    }

    [Fact]
    public async Task TargetStops_TurnsDown_OneWebhookAndOneMail_RecoveryWhenBack_IncidentStored()
    {
        var config = WriteConfig();
        using var watch = WatchProcess.Start(config, DataDir);
        await watch.WaitForLineAsync($"{TargetName} UP");

        target.Close();
        await Eventually.TrueAsync(() => !hooks.Received.IsEmpty, "the DOWN webhook\n" + watch.Log, Wait);
        // That more failing probes send no second alert is WatchEngineTests'
        // TargetStopsAnswering_GoesDown_IncidentOpened_OneAlert_NoSecondWhileItStaysDown, on a fake clock: no wait here.
        Assert.Equal(["down"], hooks.Events);
        var down = hooks.Received.Single();
        Assert.Equal(TargetName, (string)down["target"]!);
        Assert.StartsWith("closed (conn-refused)", (string)down["reason"]!, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => !smtp.Messages.IsEmpty, "the DOWN mail", Wait);

        target.Open();
        await Eventually.TrueAsync(() => hooks.Received.Count >= 2, "the recovery webhook\n" + watch.Log, Wait);
        Assert.Equal(["down", "recovered"], hooks.Events);
        Assert.Equal((long)down["incident_id"]!, (long)hooks.Received.Last()["incident_id"]!);
        await Eventually.TrueAsync(() => smtp.Messages.Count >= 2, "the recovery mail", Wait);
        Assert.Contains("Subject: [reach] DOWN " + TargetName, smtp.Messages.First(), StringComparison.Ordinal);
        Assert.Contains("Subject: [reach] RECOVERED " + TargetName, smtp.Messages.Last(), StringComparison.Ordinal);

        Assert.Equal(0, await watch.StopAsync());
        await using var store = await OpenStoreAsync();
        var incident = Assert.Single(await store.GetIncidentsAsync(new IncidentQuery(), ct));
        Assert.NotNull(incident.End);
        Assert.StartsWith("closed (conn-refused)", incident.Reason, StringComparison.Ordinal);
        var uptime = Assert.Single(await store.GetUptimeAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), ct));
        Assert.True(uptime.Failures >= 2 && uptime.Successes >= 2, $"{uptime}");
    }

    [Fact]
    public async Task KilledHardWhileDown_Restarted_HistoryAndIncidentIntact_NoDuplicateAlert()
    {
        var config = WriteConfig();
        using (var first = WatchProcess.Start(config, DataDir))
        {
            await first.WaitForLineAsync($"{TargetName} UP");
            target.Close();
            await Eventually.TrueAsync(() => !hooks.Received.IsEmpty, "the DOWN webhook\n" + first.Log, Wait);
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            first.KillHard();
        }

        long resultsBefore;
        long incidentId;
        await using (var store = await OpenStoreAsync())
        {
            resultsBefore = (await store.GetUptimeAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), ct)).Single().Probes;
            incidentId = Assert.Single(await store.GetIncidentsAsync(new IncidentQuery(OpenOnly: true), ct)).Id;
        }

        using var second = WatchProcess.Start(config, DataDir);
        await second.WaitForLineAsync("(1 down at start)");
        // That the open incident goes on with no new alert while probes keep failing after a restart is WatchEngineTests'
        // RestartWhileDown_TheOpenIncidentGoesOn_NoSecondDownAlert_RecoveryClosesIt, on a fake clock: no wait here.
        Assert.Equal(["down"], hooks.Events);

        target.Open();
        await Eventually.TrueAsync(() => hooks.Received.Count >= 2, "the recovery webhook\n" + second.Log, Wait);
        Assert.Equal(["down", "recovered"], hooks.Events);
        Assert.Equal(incidentId, (long)hooks.Received.Last()["incident_id"]!);
        Assert.Equal(0, await second.StopAsync());

        await using var reopened = await OpenStoreAsync();
        var incident = Assert.Single(await reopened.GetIncidentsAsync(new IncidentQuery(), ct));
        Assert.Equal(incidentId, incident.Id);
        Assert.NotNull(incident.End);
        var probes = (await reopened.GetUptimeAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), ct)).Single().Probes;
        Assert.True(probes > resultsBefore, $"{probes} results after the restart, {resultsBefore} before"); // kept, and added to
    }

    [Fact]
    public async Task KilledHardWithAlertStillPending_Restarted_AlertSentExactlyOnce()
    {
        hooks.Status = 500; // the receiver is down when the target fails: the alert stays in the outbox
        var config = WriteConfig(withEmail: false);
        using (var first = WatchProcess.Start(config, DataDir))
        {
            await first.WaitForLineAsync($"{TargetName} UP");
            target.Close();
            await first.WaitForLineAsync("alert failed: Down");
            first.KillHard();
        }

        Assert.Empty(hooks.Received);
        hooks.Status = 200;
        using var second = WatchProcess.Start(config, DataDir);
        await Eventually.TrueAsync(() => !hooks.Received.IsEmpty, "the pending DOWN webhook\n" + second.Log, Wait);

        // That it is not sent again later is WatchEngineTests' AlertStillPendingAtRestart_IsSentOnceAfterIt_NeverAgain,
        // on a fake clock: no wait here.
        Assert.Equal(["down"], hooks.Events);
        Assert.True(hooks.Refused >= 1);
        Assert.Equal(0, await second.StopAsync());
    }

    [Fact]
    public async Task BadConfigOnReload_IsRejected_OldOneKeepsRunning_GoodOneAndSighupReload()
    {
        var config = WriteConfig(withEmail: false);
        using var watch = WatchProcess.Start(config, DataDir);
        await watch.WaitForLineAsync($"{TargetName} UP");

        File.WriteAllText(config, "checks:\n  - name: local\n    targets: [127.0.0.1]\n    ports: [htps]\n");
        await watch.WaitForLineAsync("configuration rejected, the running one stays");
        Assert.Contains(watch.Lines, l => l.Contains("checks[0].ports[0]: unknown service 'htps'", StringComparison.Ordinal));

        target.Close(); // the old configuration still probes: the DOWN alert comes
        await Eventually.TrueAsync(() => !hooks.Received.IsEmpty, "the DOWN webhook after a rejected reload\n" + watch.Log, Wait);

        using var second = new TcpTarget();
        WriteConfig(withEmail: false, extraTarget: second.Port);
        await watch.WaitForLineAsync("(1 added, 0 removed)");
        await watch.WaitForLineAsync($"local/127.0.0.1:{second.Port} UP");
        Assert.Equal(["down"], hooks.Events); // the unchanged target kept its state: no new alert, no reset

        watch.Signal("HUP");
        await Eventually.TrueAsync(() => watch.CountLines("reloaded") >= 2, "a reload on SIGHUP\n" + watch.Log, Wait);
        Assert.False(watch.HasExited);
        Assert.Equal(0, await watch.StopAsync());
    }

    [Fact]
    public async Task UnclosedDeepAndEndlessConfigsOnReload_AreEachRejectedInTheLog_TheRunningOneStays()
    {
        var config = WriteConfig(withEmail: false);
        using var watch = WatchProcess.Start(config, DataDir);
        await watch.WaitForLineAsync($"{TargetName} UP");

        File.WriteAllText(config, "interval: {1s\ntimeout: 500ms\nchecks:\n  - name: local\n    targets: [127.0.0.1:1]\n");
        await watch.WaitForLineAsync("malformed YAML: '{' is never closed");
        File.WriteAllText(config, "checks: " + new string('[', 100_000) + "1" + new string(']', 100_000) + "\n");
        await watch.WaitForLineAsync("malformed YAML: nested deeper than 64 levels");
        File.WriteAllText(config, "checks:\n  - name: local\n    targets_file: /dev/zero\n    ports: [1]\n");
        await watch.WaitForLineAsync("/dev/zero:1: the line is longer than 4096 characters");
        Assert.Equal(3, watch.CountLines("configuration rejected, the running one stays"));

        target.Close(); // the first configuration still probes: the DOWN alert comes
        await Eventually.TrueAsync(() => !hooks.Received.IsEmpty, "the DOWN webhook after three rejected reloads\n" + watch.Log, Wait);
        Assert.False(watch.HasExited);
        Assert.Equal(0, await watch.StopAsync());
    }

    [Fact]
    public async Task CheckConfig_ValidFile_SaysWhatItHolds_OneOfEachInTheSingular()
    {
        var config = WriteConfig(withEmail: false);

        var (code, output, error) = await ReachProcess.RunAsync("watch", "-c", config, "--check-config");

        Assert.True(code == 0, error);
        Assert.Equal($"{config}: valid: 1 check, 1 target, 1 alert channel", output.TrimEnd());
    }

    [Theory]
    [InlineData("{a: ", "}", 50_000)]
    [InlineData("[", "]", 100_000)]
    public async Task CheckConfig_NestedTensOfThousandsDeep_IsOneLineAndExit2_NotACrash(string open, string close, int depth)
    {
        var path = dir.File("deep.yaml", "checks: " + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + "\n");

        var (code, output, error) = await ReachProcess.RunAsync("watch", "-c", path, "--check-config");

        Assert.True(code == 2, $"exit {code}: {error}");
        Assert.Empty(output);
        // "checks: " is the root mapping (level 1); the 65th level, one past the limit, starts 63 openings in.
        Assert.Equal($"reach: {path}:1:{9 + (open.Length * 63)}: malformed YAML: nested deeper than 64 levels of lists and mappings", error.TrimEnd());
    }

    [Fact]
    public async Task ListenPortTaken_OneErrorLineAndExit69_NoHostingTrace_EveryTime()
    {
        // Given a port the test holds on 127.0.0.1,
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;
        var config = WriteConfig(withEmail: false);

        // when reach watch is told to listen there, several times (one run in six used to crash in teardown),
        for (var run = 0; run < 4; run++)
        {
            var (code, output, error) = await ReachProcess.RunAsync("watch", "-c", config, "--data", DataDir, "--listen", $"127.0.0.1:{port}");

            // then each run is the one line and exit 69, with no "Hosting failed to start" trace, no exception at all.
            Assert.True(code == 69, $"run {run}: exit {code}\n{output}\n{error}");
            Assert.Equal(
                $"reach: cannot listen on 127.0.0.1:{port}: Address already in use (--listen ADDR:PORT to change, --listen none to run without the HTTP server)",
                error.TrimEnd());
            Assert.DoesNotContain("Hosting failed", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
        }
    }

    private string DataDir => Path.Combine(dir.Path, "data");

    private string TargetName => $"local/127.0.0.1:{target.Port}";

    private string WriteConfig(bool withEmail = true, int? extraTarget = null)
    {
        var targets = extraTarget is { } extra ? $"[\"127.0.0.1:{target.Port}\", \"127.0.0.1:{extra}\"]" : $"[\"127.0.0.1:{target.Port}\"]";
        var email = withEmail
            ? $"\n  - email: {{ host: 127.0.0.1, port: {smtp.Port}, tls: none, from: reach@test.invalid, to: ops@test.invalid }}"
            : string.Empty;
        return dir.File("reach.yaml", $"""
            interval: 1s
            timeout: 500ms
            down_after: 2
            up_after: 1
            checks:
              - name: local
                targets: {targets}
            alerts:
              - webhook: {hooks.Url}{email}
            """);
    }

    private async Task<SqliteMonitorStore> OpenStoreAsync()
    {
        var store = new SqliteMonitorStore(DataDir);
        await store.InitializeAsync(ct);
        return store;
    }
}
