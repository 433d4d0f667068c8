using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Reach.Monitoring.Config;

/// <summary>
/// Durations in reach.yaml: the units of every reach option (<c>500ms</c>, <c>2s</c>, <c>30m</c>, <c>1h</c>, a bare
/// number of seconds) plus days (<c>7d</c>), because retention periods are longer than the 24 h an option allows.
/// </summary>
public static class ConfigDuration
{
    public static readonly TimeSpan Max = TimeSpan.FromDays(3660);

    public static bool TryParse(string? text, out TimeSpan duration, [NotNullWhen(false)] out string? error)
    {
        duration = TimeSpan.Zero;
        var span = (text ?? string.Empty).AsSpan().Trim();
        if (span.IsEmpty)
        {
            error = "empty duration (examples: 500ms, 2s, 30m, 1h, 7d)";
            return false;
        }

        double seconds;
        if (double.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bare))
        {
            seconds = bare;
        }
        else if (!TrySumUnits(span, out seconds))
        {
            error = $"'{text}' is not a duration (examples: 500ms, 2s, 30m, 1h, 7d)";
            return false;
        }

        if (double.IsNaN(seconds) || seconds < 0 || seconds > Max.TotalSeconds)
        {
            error = $"'{text}' is out of range";
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        error = null;
        return true;
    }

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

    private static bool TrySumUnits(ReadOnlySpan<char> span, out double seconds)
    {
        seconds = 0;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            var unitLength = 0;
            while (numberLength + unitLength < span.Length && char.IsAsciiLetter(span[numberLength + unitLength]))
            {
                unitLength++;
            }

            if (numberLength == 0 || unitLength == 0
                || !double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            double? unit = span.Slice(numberLength, unitLength) switch
            {
                "ms" => 1e-3,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                "d" => 86400,
                _ => null,
            };
            if (unit is null)
            {
                return false;
            }

            seconds += value * unit.Value;
            span = span[(numberLength + unitLength)..];
        }

        return true;
    }
}
