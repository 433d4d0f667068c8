using System.Text.Json;
using Reach.Cli.Commands;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Reports;

namespace Reach.Cli.Rendering.Report;

/// <summary><c>reach report --json</c>: one document (docs/report-json.md).</summary>
internal static class ReportJsonWriter
{
    public static void Write(TextWriter writer, UptimeReport report) =>
        writer.WriteLine(JsonSerializer.Serialize(ToJson(report), ReportJsonContext.Default.ReportJson));

    public static ReportJson ToJson(UptimeReport report) => new(
        ReportPeriod.Iso(report.From),
        ReportPeriod.Iso(report.To),
        ReportPeriod.Iso(report.Now),
        [.. report.Targets.Select(t => new ReportTargetJson(
            t.Target.Check,
            t.Target.Host,
            Port(t.Target),
            t.Target.Endpoint,
            t.Active,
            ReportWords.State(t.StatusNow),
            ReportWords.Percent(t.Uptime),
            t.Probes,
            t.Successes,
            t.Failures,
            Seconds(t.Down),
            t.Incidents,
            t.LastError))],
        [.. report.Incidents.Select(i => new ReportIncidentJson(
            i.Id,
            i.Target.Check,
            i.Target.Host,
            Port(i.Target),
            i.Target.Endpoint,
            ReportPeriod.Iso(i.Start),
            i.End is { } end ? ReportPeriod.Iso(end) : null,
            i.IsOpen,
            Seconds(i.Duration(report.Now)),
            i.Reason,
            i.LastError,
            i.EndNote))]);

    /// <summary>icmp targets have no port: null, not 0.</summary>
    private static int? Port(TargetKey key) => key.Port == 0 ? null : key.Port;

    private static double Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 3);
}
