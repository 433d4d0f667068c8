using System.Globalization;
using Reach.Monitoring.State;

namespace Reach.Cli.Rendering.Report;

/// <summary>How a report writes states, ratios and durations, in the table and in JSON alike.</summary>
internal static class ReportWords
{
    public static string State(TargetHealth status) => status switch
    {
        TargetHealth.Up => "up",
        TargetHealth.Down => "down",
        _ => "unknown",
    };

    /// <summary>Percent with 3 decimals, rounded down so that one failure never shows as 100.</summary>
    public static double? Percent(double? ratio) => ratio is { } r ? Math.Floor(r * 100_000) / 1000 : null;

    public static string PercentText(double? ratio) =>
        Percent(ratio) is { } p ? p.ToString("0.###", CultureInfo.InvariantCulture) + "%" : "-";

    /// <summary><c>0s</c>, <c>42s</c>, <c>3m 5s</c>, <c>2h 10m</c>, <c>3d 4h</c>: two units at most.</summary>
    public static string Duration(TimeSpan span)
    {
        var s = (long)span.TotalSeconds;
        return s switch
        {
            < 60 => $"{s}s",
            < 3600 => $"{s / 60}m {s % 60}s",
            < 86400 => $"{s / 3600}h {s % 3600 / 60}m",
            _ => $"{s / 86400}d {s % 86400 / 3600}h",
        };
    }
}
