using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Reach.Time;

namespace Reach.Monitoring.Config;

/// <summary>
/// Durations in reach.yaml: the units of every reach option (<c>500ms</c>, <c>2s</c>, <c>30m</c>, <c>1h</c>, a bare
/// number of seconds, days (<c>7d</c>)) up to ten years instead of the 24 h an option allows, because retention periods
/// are longer.
/// </summary>
internal static class ConfigDuration
{
    public static readonly TimeSpan Max = TimeSpan.FromDays(3660);

    public static bool TryParse(string? text, out TimeSpan duration, [NotNullWhen(false)] out string? error) =>
        DurationParser.TryParse(text, Max, out duration, out error);

    /// <summary>The shortest text the parser reads back (<c>2s</c>, <c>30m</c>, <c>7d</c>, <c>250ms</c>).</summary>
    public static string Format(TimeSpan duration)
    {
        static string N(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
        return duration switch
        {
            { TotalDays: >= 1 } when duration.Ticks % TimeSpan.TicksPerDay == 0 => N(duration.TotalDays) + "d",
            { TotalHours: >= 1 } when duration.Ticks % TimeSpan.TicksPerHour == 0 => N(duration.TotalHours) + "h",
            { TotalMinutes: >= 1 } when duration.Ticks % TimeSpan.TicksPerMinute == 0 => N(duration.TotalMinutes) + "m",
            { TotalSeconds: >= 1 } => N(duration.TotalSeconds) + "s",
            _ => N(duration.TotalMilliseconds) + "ms",
        };
    }
}
