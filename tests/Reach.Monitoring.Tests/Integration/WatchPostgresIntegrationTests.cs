using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Integration;

/// <summary>
/// The real <c>reach watch --store postgres://…</c> as a child process, against the tests' private PostgreSQL server
/// on 127.0.0.1, probing a port the test opens and alerting a webhook receiver the test runs on 127.0.0.1.
/// </summary>
public sealed class WatchPostgresIntegrationTests(PostgresServer server) : IDisposable
{
    private const string Agent = "it-agent";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private readonly TempDirectory dir = new();
    private readonly TcpTarget target = new();
    private readonly WebhookReceiver hooks = new();
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    public void Dispose()
    {
        target.Dispose();
        hooks.Dispose();
        dir.Dispose();
    }

    [Fact]
    public async Task KilledHardWhileDown_Restarted_HistoryIncidentAndAlertStateIntact_NoDuplicateAlert()
    {
        var database = await server.CreateDatabaseAsync();
        var config = WriteConfig();
        using (var first = StartWatch(config, database))
        {
            await first.WaitForLineAsync($"{TargetName} UP");
            target.Close();
            await Eventually.TrueAsync(() => !hooks.Received.IsEmpty, "the DOWN webhook\n" + first.Log, Wait);
            await Task.Delay(TimeSpan.FromSeconds(2), ct);
            first.KillHard();
            Assert.DoesNotContain("s3cret-pw", first.Log, StringComparison.Ordinal);
        }

        long resultsBefore;
        long incidentId;
        await using (var store = await OpenStoreAsync(database))
        {
            resultsBefore = (await store.GetUptimeAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), ct)).Single().Probes;
            incidentId = Assert.Single(await store.GetIncidentsAsync(new IncidentQuery(OpenOnly: true), ct)).Id;
        }

        using var second = StartWatch(config, database);
        await second.WaitForLineAsync("(1 down at start)");
        // That the open incident goes on with no new alert while probes keep failing after a restart is WatchEngineTests'
        // RestartWhileDown_TheOpenIncidentGoesOn_NoSecondDownAlert_RecoveryClosesIt, on a fake clock: no wait here.
        Assert.Equal(["down"], hooks.Events);

        target.Open();
        await Eventually.TrueAsync(() => hooks.Received.Count >= 2, "the recovery webhook\n" + second.Log, Wait);
        Assert.Equal(["down", "recovered"], hooks.Events);
        Assert.Equal(incidentId, (long)hooks.Received.Last()["incident_id"]!);
        Assert.Equal(0, await second.StopAsync());

        await using var reopened = await OpenStoreAsync(database);
        var incident = Assert.Single(await reopened.GetIncidentsAsync(new IncidentQuery(), ct));
        Assert.Equal(incidentId, incident.Id);
        Assert.NotNull(incident.End);
        var probes = (await reopened.GetUptimeAsync(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddMinutes(1), ct)).Single().Probes;
        Assert.True(probes > resultsBefore, $"{probes} results after the restart, {resultsBefore} before"); // kept, and added to
        Assert.Empty(await reopened.GetDueAlertsAsync(DateTimeOffset.UtcNow.AddDays(1), 10, ct));
    }

    [Fact]
    public async Task UnreachableServer_OneLineWithoutPassword_Exit69()
    {
        using var closed = new TcpTarget();
        closed.Close(); // nothing listens there now: connection refused
        var port = closed.Port;
        using var watch = WatchProcess.Start(WriteConfig(), Path.Combine(dir.Path, "data"),
            "--store", $"postgres://reach:s3cret-pw@127.0.0.1:{port}/reach?connect_timeout=5");

        Assert.Equal(69, await watch.WaitForExitAsync(Wait));
        var line = Assert.Single(watch.Lines, l => l.Length > 0);
        Assert.StartsWith($"reach: cannot use the store postgres://reach@127.0.0.1:{port}/reach:", line, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", watch.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://reach:s3cret-pw@127.0.0.1:99999/reach", "port '99999'")]
    [InlineData("postgres://reach:s3cret-pw@127.0.0.1/reach?sslmode=sometimes", "sslmode 'sometimes'")]
    [InlineData("postgres://reach:s3cret-pw@127.0.0.1/reach?color=blue", "unknown parameter 'color'")]
    [InlineData("postgress://reach:s3cret-pw@127.0.0.1/reach", "not a store")]
    public async Task BadStoreUri_OneLineNamingThePart_Exit2(string uri, string part)
    {
        using var watch = WatchProcess.Start(WriteConfig(), Path.Combine(dir.Path, "data"), "--store", uri);

        Assert.Equal(2, await watch.WaitForExitAsync(Wait));
        Assert.Contains(watch.Lines, l => l.Contains(part, StringComparison.Ordinal));
        Assert.DoesNotContain("s3cret-pw", watch.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", watch.Log, StringComparison.Ordinal);
    }

    private WatchProcess StartWatch(string config, string database) =>
        WatchProcess.Start(config, Path.Combine(dir.Path, "data"), "--store", server.Uri(database), "--agent", Agent);

    private string TargetName => $"local/127.0.0.1:{target.Port}";

    private string WriteConfig() => dir.File("reach.yaml", $"""
        interval: 1s
        timeout: 500ms
        down_after: 2
        up_after: 1
        checks:
          - name: local
            targets: ["127.0.0.1:{target.Port}"]
        alerts:
          - webhook: {hooks.Url}
        """);

    private async Task<PostgresMonitorStore> OpenStoreAsync(string database)
    {
        var store = new PostgresMonitorStore(server.ConnectionString(database), Agent);
        await store.InitializeAsync(ct);
        return store;
    }
}
