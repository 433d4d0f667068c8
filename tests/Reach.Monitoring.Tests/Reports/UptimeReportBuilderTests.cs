using Reach.Monitoring.Expansion;
using Reach.Monitoring.Reports;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Reports;

/// <summary>Reports over a store filled with known probes, one a minute from T0 (see <see cref="ProbeHistory"/>).</summary>
public sealed class UptimeReportBuilderTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TargetKey Flaky = new("web", "192.0.2.10", 80);
    private static readonly TargetKey Steady = new("web", "192.0.2.11", 443);
    private static readonly TargetKey Failing = new("ssh", "192.0.2.12", 22);
    private readonly TempDirectory dir = new();
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task WholePeriod_ExactUptimeDowntimeAndIncidentsPerTarget()
    {
        await using var store = await FilledAsync();

        var report = await BuildAsync(store, T0, T0.AddMinutes(10));

        Assert.Equal([Failing, Flaky, Steady], report.Targets.Select(t => t.Target));
        var flaky = report.Targets.Single(t => t.Target == Flaky);
        Assert.Equal((10L, 6L, 4L, 0.6, 1), (flaky.Probes, flaky.Successes, flaky.Failures, flaky.Uptime, flaky.Incidents));
        Assert.Equal(TimeSpan.FromMinutes(4), flaky.Down); // first failure 12:04 to first success 12:08
        Assert.Equal(TargetHealth.Up, flaky.StatusNow);
        Assert.Equal("closed (conn-refused): Connection refused", flaky.LastError);

        var steady = report.Targets.Single(t => t.Target == Steady);
        Assert.Equal((10L, 1.0, 0, TimeSpan.Zero), (steady.Probes, steady.Uptime, steady.Incidents, steady.Down));
        Assert.False(steady.HadDowntime);

        var failing = report.Targets.Single(t => t.Target == Failing);
        Assert.Equal((0.8, 1, TargetHealth.Down), (failing.Uptime, failing.Incidents, failing.StatusNow));
        Assert.Equal(TimeSpan.FromMinutes(2), failing.Down); // open since 12:08, the report is made at 12:10

        Assert.Equal([Failing, Flaky], report.Incidents.Select(i => i.Target)); // newest first
        Assert.True(report.Incidents[0].IsOpen);
        Assert.Equal((T0.AddMinutes(4), T0.AddMinutes(8)), (report.Incidents[1].Start, report.Incidents[1].End));
        Assert.True(report.AnyDowntime);
    }

    [Fact]
    public async Task PeriodStartsInsideAnIncident_CountsOnlyItsPartInThePeriod()
    {
        await using var store = await FilledAsync();

        var report = await BuildAsync(store, T0.AddMinutes(5), T0.AddMinutes(10));

        var flaky = report.Targets.Single(t => t.Target == Flaky);
        Assert.Equal((5L, 2L, 3L, 0.4), (flaky.Probes, flaky.Successes, flaky.Failures, flaky.Uptime));
        Assert.Equal(TimeSpan.FromMinutes(3), flaky.Down);
        Assert.Equal(1, flaky.Incidents);
    }

    [Fact]
    public async Task PeriodAfterTheIncidentEnded_HasNoneOfIt()
    {
        await using var store = await FilledAsync();

        var report = await BuildAsync(store, T0.AddMinutes(8).AddSeconds(1), T0.AddMinutes(10));

        var flaky = report.Targets.Single(t => t.Target == Flaky);
        Assert.Equal((1L, 1.0, 0, TimeSpan.Zero), (flaky.Probes, flaky.Uptime, flaky.Incidents, flaky.Down));
        Assert.Equal([Failing], report.Incidents.Select(i => i.Target));
    }

    [Fact]
    public async Task CheckFilter_And_DownOnly_KeepOnlyThoseTargetsAndTheirIncidents()
    {
        await using var store = await FilledAsync();

        var web = await BuildAsync(store, T0, T0.AddMinutes(10), check: "web");
        var down = await BuildAsync(store, T0, T0.AddMinutes(10), downOnly: true);

        Assert.Equal([Flaky, Steady], web.Targets.Select(t => t.Target));
        Assert.Equal([Flaky], web.Incidents.Select(i => i.Target));
        Assert.Equal([Failing, Flaky], down.Targets.Select(t => t.Target));
    }

    [Fact]
    public async Task NoProbesInThePeriod_UptimeIsUnknownNotZero()
    {
        await using var store = await FilledAsync();

        var report = await BuildAsync(store, T0.AddDays(-2), T0.AddDays(-1));

        Assert.All(report.Targets, t => Assert.Null(t.Uptime));
        Assert.Empty(report.Incidents);
    }

    private Task<UptimeReport> BuildAsync(IMonitorStore store, DateTimeOffset from, DateTimeOffset to, string? check = null, bool downOnly = false) =>
        UptimeReportBuilder.BuildAsync(store, from, to, now: T0.AddMinutes(10), check, downOnly, ct);

    private async Task<IMonitorStore> FilledAsync()
    {
        await using (var writer = new SqliteMonitorStore(dir.Path))
        {
            await writer.InitializeAsync(ct);
            await ProbeHistory.PlayAsync(writer, Flaky, T0, "++++----++", ct);
            await ProbeHistory.PlayAsync(writer, Steady, T0, "++++++++++", ct);
            await ProbeHistory.PlayAsync(writer, Failing, T0, "++++++++--", ct);
        }

        return SqliteMonitorStore.OpenExisting(dir.Path) ?? throw new InvalidOperationException("no store written");
    }
}
