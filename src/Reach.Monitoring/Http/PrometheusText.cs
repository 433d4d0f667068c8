using System.Globalization;
using System.Text;
using Reach.Monitoring.Scheduling;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;

namespace Reach.Monitoring.Http;

/// <summary>
/// <c>/metrics</c> in the Prometheus text exposition format (version 0.0.4), written by hand: a few gauges per
/// target, the scheduler's lag as a summary, and alert counters. No metrics library, nothing reflected.
/// </summary>
internal static class PrometheusText
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private static readonly double[] LagQuantiles = [0.5, 0.9, 0.99];

    public static string Render(IReadOnlyList<TargetSnapshot> targets, SchedulerMetrics? scheduler, long alertFailures, long alertsSent)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var text = new StringBuilder(256 + (targets.Count * 400));

        Header(text, "reach_target_up", "gauge", "1 when the target is UP, 0 when DOWN (after the down_after/up_after damping); absent while UNKNOWN.");
        foreach (var t in targets)
        {
            if (t.State.Status != TargetStatus.Unknown)
            {
                Sample(text, "reach_target_up", t, t.State.Status == TargetStatus.Up ? 1 : 0);
            }
        }

        Header(text, "reach_probe_success", "gauge", "1 when the last conclusive probe succeeded, 0 when it failed.");
        foreach (var t in targets)
        {
            if (t.State.ConsecutiveSuccesses > 0 || t.State.ConsecutiveFailures > 0)
            {
                Sample(text, "reach_probe_success", t, t.State.ConsecutiveSuccesses > 0 ? 1 : 0);
            }
        }

        Header(text, "reach_probe_duration_seconds", "gauge", "The round trip of the last successful probe, in seconds.");
        foreach (var t in targets)
        {
            if (t.LastLatency is { } latency)
            {
                Sample(text, "reach_probe_duration_seconds", t, latency.TotalSeconds);
            }
        }

        Header(text, "reach_scheduler_lag_seconds", "summary", "How late probes started behind their planned slot (recent starts).");
        if (scheduler is not null)
        {
            foreach (var q in LagQuantiles)
            {
                text.Append("reach_scheduler_lag_seconds{quantile=\"").Append(Number(q)).Append("\"} ")
                    .Append(Number(scheduler.LagQuantile(q).TotalSeconds)).Append('\n');
            }

            text.Append("reach_scheduler_lag_seconds_sum ").Append(Number(scheduler.LagSecondsSum)).Append('\n');
            text.Append("reach_scheduler_lag_seconds_count ").Append(Number(scheduler.ProbesStarted)).Append('\n');
            Counter(text, "reach_scheduler_overlap_skips_total", "Slots skipped because the target's previous probe still ran.", scheduler.OverlapSkips);
            Counter(text, "reach_scheduler_missed_slots_total", "Slots that passed while the scheduler was behind.", scheduler.MissedSlots);
        }

        Counter(text, "reach_alert_failures_total", "Failed alert delivery attempts (each retry counts).", alertFailures);
        Counter(text, "reach_alerts_sent_total", "Alerts delivered.", alertsSent);
        return text.ToString();
    }

    /// <summary>A label value escaped as the format asks: backslash, double quote and line feed.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", "\\n", StringComparison.Ordinal);
    }

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Counter(StringBuilder text, string name, string help, long value)
    {
        Header(text, name, "counter", help);
        text.Append(name).Append(' ').Append(Number(value)).Append('\n');
    }

    private static void Sample(StringBuilder text, string name, TargetSnapshot t, double value)
    {
        var key = t.Target;
        text.Append(name)
            .Append("{check=\"").Append(Escape(key.Check))
            .Append("\",host=\"").Append(Escape(key.Host))
            .Append("\",address=\"").Append(Escape(t.LastAddress ?? key.Host))
            .Append("\",port=\"").Append(key.Port == 0 ? string.Empty : key.Port.ToString(CultureInfo.InvariantCulture))
            .Append("\"} ").Append(Number(value)).Append('\n');
    }

    private static string Number(double value) => value switch
    {
        double.NaN => "NaN",
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
