using System.Globalization;
using Reach.Cli.Commands;
using Reach.Monitoring.Reports;
using Reach.Monitoring.State;
using Spectre.Console;

namespace Reach.Cli.Rendering.Report;

/// <summary>The report as tables: one row per target, then the incidents of the period.</summary>
internal static class ReportTableWriter
{
    public static void Write(IAnsiConsole console, UptimeReport report, string source)
    {
        console.MarkupLineInterpolated($"Uptime {ReportPeriod.Iso(report.From)} to {ReportPeriod.Iso(report.To)} ({ReportWords.Duration(report.To - report.From)}) from {source}");
        if (report.Targets.Count == 0)
        {
            console.WriteLine("no targets to report in this period");
            return;
        }

        var targets = new Table().Border(TableBorder.Simple)
            .AddColumns("Check", "Target", "Now", "Uptime", "Probes", "Failures", "Down", "Incidents", "Last error");
        foreach (var t in report.Targets)
        {
            var now = ReportWords.State(t.StatusNow).ToUpperInvariant() + (t.Active ? string.Empty : " (removed)");
            targets.AddRow(
                Markup.Escape(t.Target.Check),
                Markup.Escape(t.Target.Endpoint),
                t.StatusNow == TargetHealth.Down ? $"[red]{now}[/]" : now,
                ReportWords.PercentText(t.Uptime),
                t.Probes.ToString(CultureInfo.InvariantCulture),
                t.Failures.ToString(CultureInfo.InvariantCulture),
                ReportWords.Duration(t.Down),
                t.Incidents.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(t.LastError ?? string.Empty));
        }

        console.Write(targets);
        if (report.Incidents.Count == 0)
        {
            console.WriteLine("no incidents in this period");
            return;
        }

        var incidents = new Table().Border(TableBorder.Simple)
            .AddColumns("Incident", "Target", "Start", "End", "Duration", "Reason", "Last error");
        foreach (var i in report.Incidents)
        {
            incidents.AddRow(
                i.Id.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(i.Target.ToString()),
                ReportPeriod.Iso(i.Start),
                i.End is { } end ? ReportPeriod.Iso(end) : "[red]open[/]",
                ReportWords.Duration(i.Duration(report.Now)),
                Markup.Escape(i.Reason),
                Markup.Escape(i.EndNote ?? i.LastError ?? string.Empty));
        }

        console.Write(incidents);
    }
}
