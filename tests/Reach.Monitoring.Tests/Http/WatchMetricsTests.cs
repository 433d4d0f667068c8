using Reach.Monitoring.Expansion;
using Reach.Monitoring.Http;
using Reach.Monitoring.Scheduling;
using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Http;

/// <summary>The /metrics text over a store filled with known probes (see <see cref="ProbeHistory"/>) and known scheduler numbers.</summary>
public sealed partial class WatchMetricsTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TargetKey Web = new("web", "192.0.2.10", 80);
    private static readonly TargetKey Ssh = new("ssh", "192.0.2.12", 22);
    private readonly TempDirectory dir = new();
    private readonly SchedulerMetrics scheduler = new();
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;
    private long delivered;
    private long failures;

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task PerTarget_UpSuccessAndDuration_FromTheLatestState()
    {
        await using var store = await FilledAsync();

        var text = await ScrapeAsync(store);

        // ProbeHistory probes the loopback address and answers successes in 1 ms.
        Assert.Contains("reach_target_up{check=\"web\",target=\"web/192.0.2.10:80\",host=\"192.0.2.10\",address=\"127.0.0.1\",port=\"80\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("reach_target_up{check=\"ssh\",target=\"ssh/192.0.2.12:22\",host=\"192.0.2.12\",address=\"127.0.0.1\",port=\"22\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("reach_probe_success{check=\"web\",target=\"web/192.0.2.10:80\",host=\"192.0.2.10\",address=\"127.0.0.1\",port=\"80\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("reach_probe_success{check=\"ssh\",target=\"ssh/192.0.2.12:22\",host=\"192.0.2.12\",address=\"127.0.0.1\",port=\"22\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("reach_probe_duration_seconds{check=\"web\",target=\"web/192.0.2.10:80\",host=\"192.0.2.10\",address=\"127.0.0.1\",port=\"80\"} 0.001\n", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE reach_target_up gauge", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeDuration_OnlyWhileTheLastProbeSucceeded_NotARefusalsRoundTrip()
    {
        // Given a closed port that never succeeded and one that failed after a success, both answering RSTs in 0.2 ms,
        var closed = new TargetKey("db", "192.0.2.20", 5432);
        var fell = new TargetKey("db", "192.0.2.21", 5432);
        await using var store = new SqliteMonitorStore(dir.Path);
        await store.InitializeAsync(ct);
        await store.SyncTargetsAsync([Web, closed, fell], T0, ct);
        await ProbeHistory.PlayAsync(store, Web, T0, "-++", TimeSpan.FromMilliseconds(0.2), ct);
        await ProbeHistory.PlayAsync(store, closed, T0, "---", TimeSpan.FromMilliseconds(0.2), ct);
        await ProbeHistory.PlayAsync(store, fell, T0, "++-", TimeSpan.FromMilliseconds(0.2), ct);

        var text = await ScrapeAsync(store);

        // then only the target whose last probe succeeded has a duration, and it is that success's round trip.
        var durations = text.Split('\n').Where(l => l.StartsWith("reach_probe_duration_seconds{", StringComparison.Ordinal)).ToList();
        Assert.Equal(["reach_probe_duration_seconds{check=\"web\",target=\"web/192.0.2.10:80\",host=\"192.0.2.10\",address=\"127.0.0.1\",port=\"80\"} 0.001"], durations);
        Assert.Contains("reach_probe_success{check=\"db\",target=\"db/192.0.2.20:5432\",host=\"192.0.2.20\",address=\"127.0.0.1\",port=\"5432\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("# HELP reach_probe_duration_seconds The round trip of the last probe, in seconds, while it succeeded;", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetRemovedFromTheConfiguration_ItsSeriesGo()
    {
        await using var store = await FilledAsync();
        var metrics = new WatchMetrics(store, scheduler, () => delivered, () => failures);
        Assert.Contains("host=\"192.0.2.12\"", await ScrapeAsync(metrics), StringComparison.Ordinal);

        await store.SyncTargetsAsync([Web], T0.AddHours(1), ct);
        var text = await ScrapeAsync(metrics);

        Assert.DoesNotContain("host=\"192.0.2.12\"", text, StringComparison.Ordinal);
        Assert.Contains("reach_target_up{check=\"web\",target=\"web/192.0.2.10:80\",host=\"192.0.2.10\",address=\"127.0.0.1\",port=\"80\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchedulerLag_QuantilesSumCountAndMax_CountersFollowTheEngine()
    {
        await using var store = await FilledAsync();
        var metrics = new WatchMetrics(store, scheduler, () => delivered, () => failures);
        for (var i = 1; i <= 100; i++)
        {
            scheduler.RecordStart(TimeSpan.FromMilliseconds(i)); // 1 ms … 100 ms
        }

        scheduler.RecordOverlapSkip();
        delivered = 3;
        failures = 2;

        var text = await ScrapeAsync(metrics);

        Assert.Contains("# TYPE reach_scheduler_lag_seconds summary", text, StringComparison.Ordinal);
        Assert.Contains("reach_scheduler_lag_seconds_count 100\n", text, StringComparison.Ordinal);
        Assert.InRange(Sample(text, "reach_scheduler_lag_seconds_sum"), 5.0499, 5.0501);
        Assert.InRange(Sample(text, "reach_scheduler_lag_seconds{quantile=\"0.5\"}"), 0.045, 0.056);
        Assert.InRange(Sample(text, "reach_scheduler_lag_seconds{quantile=\"0.99\"}"), 0.098, 0.1);
        Assert.Equal(0.1, Sample(text, "reach_scheduler_lag_max_seconds"));
        Assert.Equal(100, Sample(text, "reach_probes_total"));
        Assert.Equal(1, Sample(text, "reach_scheduler_overlap_skips_total"));
        Assert.Equal(3, Sample(text, "reach_alerts_sent_total"));
        Assert.Equal(2, Sample(text, "reach_alert_failures_total"));

        delivered = 5;
        Assert.Equal(5, Sample(await ScrapeAsync(metrics), "reach_alerts_sent_total"));
    }

    private static double Sample(string text, string series)
    {
        var line = text.Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<string> ScrapeAsync(IMonitorStore store) => ScrapeAsync(new WatchMetrics(store, scheduler, () => delivered, () => failures));

    private async Task<string> ScrapeAsync(WatchMetrics metrics)
    {
        using var buffer = new MemoryStream();
        await metrics.ExportAsync(buffer, ct);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private async Task<SqliteMonitorStore> FilledAsync()
    {
        var store = new SqliteMonitorStore(dir.Path);
        await store.InitializeAsync(ct);
        await store.SyncTargetsAsync([Web, Ssh], T0, ct);
        await ProbeHistory.PlayAsync(store, Web, T0, "+++", ct);
        await ProbeHistory.PlayAsync(store, Ssh, T0, "+--", ct);
        return store;
    }
}
