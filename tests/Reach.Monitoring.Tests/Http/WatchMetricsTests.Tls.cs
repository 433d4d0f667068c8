using System.Net;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Http;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;
using Reach.Probes;

namespace Reach.Monitoring.Tests.Http;

/// <summary>A tls check's series: the certificate's end of validity and the version that answered.</summary>
public sealed partial class WatchMetricsTests
{
    private const string TlsLabels = "check=\"certs\",target=\"certs/192.0.2.30:443\",host=\"192.0.2.30\",address=\"127.0.0.1\",port=\"443\"";

    [Fact]
    public async Task Tls_CertificateNotAfterAndVersion_PerTarget_AnOldVersionDropsOut()
    {
        // Given a tls target whose last handshake was TLSv1.3 with a certificate valid until 2026-03-01,
        var certs = new TargetKey("certs", "192.0.2.30", 443);
        await using var store = new SqliteMonitorStore(dir.Path);
        await store.InitializeAsync(ct);
        await store.SyncTargetsAsync([certs], T0, ct);
        var notAfter = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);
        await RecordHandshakeAsync(store, certs, "TLSv1.3", notAfter);
        var metrics = new WatchMetrics(store, scheduler, () => delivered, () => failures);

        var text = await ScrapeAsync(metrics);

        // then both series are there, labelled like the other per-target series;
        Assert.Contains($"reach_tls_cert_not_after_timestamp_seconds{{{TlsLabels}}} {notAfter.ToUnixTimeSeconds()}\n", text, StringComparison.Ordinal);
        Assert.Contains($"reach_tls_version_info{{{TlsLabels},version=\"TLSv1.3\"}} 1\n", text, StringComparison.Ordinal);

        // and when the server answers TLSv1.2, the TLSv1.3 series is gone.
        await RecordHandshakeAsync(store, certs, "TLSv1.2", notAfter);
        text = await ScrapeAsync(metrics);
        Assert.Contains($"reach_tls_version_info{{{TlsLabels},version=\"TLSv1.2\"}} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("version=\"TLSv1.3\"", text, StringComparison.Ordinal);
    }

    private static Task RecordHandshakeAsync(SqliteMonitorStore store, TargetKey key, string version, DateTimeOffset notAfter) =>
        RecordSuccessAsync(store, key, new ProbeDetails(new TlsDetails(version, null, "CN=web.test", notAfter, 59, "AA:01", null)), TimeSpan.FromMilliseconds(2));

    /// <summary>A successful probe of <paramref name="key"/> at T0 that saw <paramref name="details"/>.</summary>
    private static Task RecordSuccessAsync(SqliteMonitorStore store, TargetKey key, ProbeDetails details, TimeSpan latency)
    {
        var outcome = new ProbeOutcome(T0, ProbeVerdict.Success, ProbeState.Open, ProbeReason.SynAck, latency, IPAddress.Loopback, null, details);
        var state = TargetState.Initial with { ConsecutiveSuccesses = 1, LastProbeAt = T0 };
        return store.RecordAsync([new ProbeRecord(key, outcome, state)], TestContext.Current.CancellationToken);
    }
}
