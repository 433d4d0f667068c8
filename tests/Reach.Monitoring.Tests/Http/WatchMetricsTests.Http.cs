using System.Globalization;
using System.Net;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Http;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;
using Reach.Probes;

namespace Reach.Monitoring.Tests.Http;

/// <summary>An http check's series: the status code and each phase's seconds, as blackbox_exporter names them.</summary>
public sealed partial class WatchMetricsTests
{
    private const string HttpLabels = "check=\"web\",target=\"web/192.0.2.40:8080\",host=\"192.0.2.40\",address=\"127.0.0.1\",port=\"8080\"";

    [Fact]
    public async Task Http_StatusCodeAndPhases_PerTarget_APhaseNotReachedDropsOut()
    {
        var web = new TargetKey("web", "192.0.2.40", 8080);
        await using var store = new SqliteMonitorStore(dir.Path);
        await store.InitializeAsync(ct);
        await store.SyncTargetsAsync([web], T0, ct);
        await RecordAnswerAsync(store, web, 503, new HttpPhases(null, 0.001, 0.004, 0.02, 0.03));
        var metrics = new WatchMetrics(store, scheduler, () => delivered, () => failures);

        var text = await ScrapeAsync(metrics);

        Assert.Contains($"reach_http_status_code{{{HttpLabels}}} 503\n", text, StringComparison.Ordinal);
        foreach (var (phase, seconds) in new[] { ("connect", 0.001), ("tls", 0.004), ("processing", 0.02), ("transfer", 0.005) })
        {
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"reach_http_duration_seconds{{{HttpLabels},phase=\"{phase}\"}} {seconds}\n"), text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("phase=\"resolve\"", text, StringComparison.Ordinal); // an address: nothing resolved

        // A plain-http answer next: no TLS phase any more.
        await RecordAnswerAsync(store, web, 200, new HttpPhases(null, 0.001, null, 0.02, 0.025));
        text = await ScrapeAsync(metrics);
        Assert.Contains($"reach_http_status_code{{{HttpLabels}}} 200\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("phase=\"tls\"", text, StringComparison.Ordinal);

        // Then the port closes: the store keeps the last answer, but it is no longer exported as the current one.
        var closed = new ProbeOutcome(T0, ProbeVerdict.Failure, ProbeState.Closed, ProbeReason.ConnRefused, null, IPAddress.Loopback, "Connection refused");
        await store.RecordAsync([new ProbeRecord(web, closed, TargetState.Initial with { ConsecutiveFailures = 1, LastProbeAt = T0 })], ct);
        text = await ScrapeAsync(metrics);
        Assert.DoesNotContain("reach_http_status_code{", text, StringComparison.Ordinal);
        Assert.DoesNotContain("reach_http_duration_seconds{", text, StringComparison.Ordinal);
    }

    private static Task RecordAnswerAsync(SqliteMonitorStore store, TargetKey key, int status, HttpPhases phases) =>
        RecordSuccessAsync(store, key, new ProbeDetails(Http: new HttpDetails("http://192.0.2.40:8080/", status, "HTTP/1.1", "nginx", null, phases)), TimeSpan.FromMilliseconds(25));
}
