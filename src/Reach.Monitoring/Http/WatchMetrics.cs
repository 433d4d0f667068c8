using System.Globalization;
using Prometheus;
using Reach.Monitoring.Probing;
using Reach.Monitoring.Scheduling;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;

namespace Reach.Monitoring.Http;

/// <summary>
/// <c>/metrics</c> of reach watch through prometheus-net, in a registry of its own (nothing else leaks in). Per-target
/// gauges are read from the store's latest state just before each scrape; the scheduler's lag is observed as each
/// probe starts; alert and slot counters follow the engine's own totals.
/// </summary>
internal sealed class WatchMetrics
{
    // "target" is the API's id (check/host:port). Besides linking a series to /api/checks/{id}, it keeps the label
    // sets apart for prometheus-net, whose label hash XORs the values: host and address are usually equal and cancel.
    private static readonly string[] TargetLabels = ["check", "target", "host", "address", "port"];

    private readonly IMonitorStore store;
    private readonly SchedulerMetrics scheduler;
    private readonly Func<long> alertsDelivered;
    private readonly Func<long> alertFailures;
    private readonly Gauge targetUp;
    private readonly Gauge probeSuccess;
    private readonly Gauge probeDuration;
    private readonly Gauge certNotAfter;
    private readonly Gauge tlsVersion;
    private readonly Gauge httpStatus;
    private readonly Gauge httpDuration;
    private readonly Summary lag;
    private readonly Gauge maxLag;
    private readonly Counter probesStarted;
    private readonly Counter overlapSkips;
    private readonly Counter missedSlots;
    private readonly Counter alertsSent;
    private readonly Counter alertFailed;
    private readonly Lock gate = new();
    private HashSet<string[]> published = new(LabelComparer.Instance);
    private HashSet<string[]> publishedVersions = new(LabelComparer.Instance);
    private HashSet<string[]> publishedPhases = new(LabelComparer.Instance);

    public WatchMetrics(IMonitorStore store, SchedulerMetrics scheduler, Func<long> alertsDelivered, Func<long> alertFailures)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
        this.alertsDelivered = alertsDelivered ?? throw new ArgumentNullException(nameof(alertsDelivered));
        this.alertFailures = alertFailures ?? throw new ArgumentNullException(nameof(alertFailures));

        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        targetUp = factory.CreateGauge("reach_target_up", "1 when the target is UP, 0 when DOWN (after the down_after/up_after damping); absent while UNKNOWN.", TargetLabels);
        probeSuccess = factory.CreateGauge("reach_probe_success", "1 when the last conclusive probe succeeded, 0 when it failed.", TargetLabels);
        probeDuration = factory.CreateGauge("reach_probe_duration_seconds", "The round trip of the last probe, in seconds, while it succeeded; absent after a failed or inconclusive probe.", TargetLabels);
        // As blackbox_exporter's probe_ssl_earliest_cert_expiry and probe_tls_version_info, per target.
        certNotAfter = factory.CreateGauge("reach_tls_cert_not_after_timestamp_seconds", "The end of validity of the leaf certificate last seen (Unix seconds); tls checks.", TargetLabels);
        tlsVersion = factory.CreateGauge("reach_tls_version_info", "1 for the TLS version of the last completed handshake; tls checks.", [.. TargetLabels, "version"]);
        // As blackbox_exporter's probe_http_status_code and probe_http_duration_seconds{phase}: the phases add up to the whole answer.
        httpStatus = factory.CreateGauge("reach_http_status_code", "The status code of the last HTTP answer; http checks (absent while none came).", TargetLabels);
        httpDuration = factory.CreateGauge("reach_http_duration_seconds", "Seconds of each phase of the last HTTP exchange (resolve, connect, tls, processing: request to first byte, transfer: the rest); http checks.", [.. TargetLabels, "phase"]);
        lag = factory.CreateSummary("reach_scheduler_lag_seconds", "How late probes started behind their planned slot (quantiles over the last minute).", new SummaryConfiguration
        {
            Objectives = [new QuantileEpsilonPair(0.5, 0.05), new QuantileEpsilonPair(0.9, 0.01), new QuantileEpsilonPair(0.99, 0.001)],
            MaxAge = TimeSpan.FromMinutes(1),
            AgeBuckets = 6,
        });
        maxLag = factory.CreateGauge("reach_scheduler_lag_max_seconds", "The largest lag of any probe start since reach watch started.");
        probesStarted = factory.CreateCounter("reach_probes_total", "Probes started.");
        overlapSkips = factory.CreateCounter("reach_scheduler_overlap_skips_total", "Slots skipped because the target's previous probe still ran.");
        missedSlots = factory.CreateCounter("reach_scheduler_missed_slots_total", "Slots that passed while the scheduler was behind.");
        alertFailed = factory.CreateCounter("reach_alert_failures_total", "Failed alert delivery attempts (each retry counts).");
        alertsSent = factory.CreateCounter("reach_alerts_sent_total", "Alerts delivered.");

        scheduler.LagRecorded += lag.Observe;
        Registry.AddBeforeCollectCallback(RefreshAsync);
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Writes the exposition text (format 0.0.4).</summary>
    /// <remarks>
    /// Rendered into memory first: the exporter writes each line by itself, and every write to a Kestrel response
    /// is a flush, so 10,000 targets would cost a hundred thousand sends (seconds per scrape) instead of a few.
    /// </remarks>
    public async Task ExportAsync(Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        using var buffer = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        await buffer.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var latest = await store.GetLatestAsync(includeRetired: false, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            var current = new HashSet<string[]>(LabelComparer.Instance);
            var versions = new HashSet<string[]>(LabelComparer.Instance);
            var phases = new HashSet<string[]>(LabelComparer.Instance);
            foreach (var t in latest)
            {
                var labels = Labels(t);
                current.Add(labels);
                Set(targetUp, labels, t.State.Status switch { TargetHealth.Up => 1, TargetHealth.Down => 0, _ => null });
                Set(probeSuccess, labels, t.State.ConsecutiveSuccesses > 0 ? 1 : t.State.ConsecutiveFailures > 0 ? 0 : null);
                // Only a success's round trip: a closed port's RST time is not the service's latency (issue 13).
                Set(probeDuration, labels, t.State.ConsecutiveSuccesses > 0 ? t.LastLatency?.TotalSeconds : null);
                Set(certNotAfter, labels, t.Details?.Tls?.NotAfter.ToUnixTimeSeconds());
                // The last answer's version, code and phases only while the last probe reached the service (not a closed port).
                var answered = ServiceAnswer.CameFromTheService(t.LastState);
                if (answered && t.Details?.Tls is { } tls)
                {
                    string[] versioned = [.. labels, tls.Protocol];
                    versions.Add(versioned);
                    tlsVersion.WithLabels(versioned).Set(1);
                }

                Set(httpStatus, labels, answered ? t.Details?.Http?.StatusCode : null);
                if (answered && t.Details?.Http is { } http)
                {
                    foreach (var (phase, seconds) in Phases(http.Phases))
                    {
                        string[] phased = [.. labels, phase];
                        phases.Add(phased);
                        httpDuration.WithLabels(phased).Set(seconds);
                    }
                }
            }

            // Targets removed from the configuration, or probed at a new address: their old series go.
            foreach (var gone in published.Where(labels => !current.Contains(labels)))
            {
                targetUp.RemoveLabelled(gone);
                probeSuccess.RemoveLabelled(gone);
                probeDuration.RemoveLabelled(gone);
                certNotAfter.RemoveLabelled(gone);
                httpStatus.RemoveLabelled(gone);
            }

            // A new version (or a target gone) drops the old series: one version per target at a time.
            foreach (var gone in publishedVersions.Where(labels => !versions.Contains(labels)))
            {
                tlsVersion.RemoveLabelled(gone);
            }

            foreach (var gone in publishedPhases.Where(labels => !phases.Contains(labels)))
            {
                httpDuration.RemoveLabelled(gone);
            }

            published = current;
            publishedVersions = versions;
            publishedPhases = phases;
        }

        maxLag.Set(scheduler.MaxLag.TotalSeconds);
        probesStarted.IncTo(scheduler.ProbesStarted);
        overlapSkips.IncTo(scheduler.OverlapSkips);
        missedSlots.IncTo(scheduler.MissedSlots);
        alertsSent.IncTo(alertsDelivered());
        alertFailed.IncTo(alertFailures());
    }

    /// <summary>The phases reached, and the transfer: whatever of the whole the named phases do not cover.</summary>
    internal static IEnumerable<(string Phase, double Seconds)> Phases(HttpPhases phases)
    {
        (string, double?)[] named = [("resolve", phases.Resolve), ("connect", phases.Connect), ("tls", phases.Tls), ("processing", phases.FirstByte)];
        var covered = 0.0;
        foreach (var (phase, seconds) in named)
        {
            if (seconds is { } value)
            {
                covered += value;
                yield return (phase, value);
            }
        }

        yield return ("transfer", Math.Round(Math.Max(0, phases.Total - covered), 6)); // to the microsecond: no float dust
    }

    private static void Set(Gauge gauge, string[] labels, double? value)
    {
        if (value is { } v)
        {
            gauge.WithLabels(labels).Set(v);
        }
        else
        {
            gauge.RemoveLabelled(labels);
        }
    }

    private static string[] Labels(TargetSnapshot t) =>
    [
        t.Target.Check,
        t.Target.ToString(),
        t.Target.Host,
        t.LastAddress ?? t.Target.Host,
        t.Target.Port == 0 ? string.Empty : t.Target.Port.ToString(CultureInfo.InvariantCulture),
    ];

    private sealed class LabelComparer : IEqualityComparer<string[]>
    {
        public static readonly LabelComparer Instance = new();

        public bool Equals(string[]? x, string[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] obj)
        {
            var hash = new HashCode();
            foreach (var part in obj)
            {
                hash.Add(part, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
