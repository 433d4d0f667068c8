using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Reach.Text;

namespace Reach.Time;

/// <summary>
/// Parses the durations every Reach option accepts: <c>500ms</c>, <c>3s</c>, <c>1m</c>, <c>1h</c>,
/// combinations such as <c>1m30s</c>, and a bare number of seconds (<c>0.5</c>).
/// </summary>
public static class DurationParser
{
    /// <summary>The longest duration an option takes (a timeout or an interval).</summary>
    public static readonly TimeSpan OptionMax = TimeSpan.FromDays(1);

    public static bool TryParse(string? text, out TimeSpan duration, [NotNullWhen(false)] out string? error) =>
        TryParse(text, OptionMax, out duration, out error);

    /// <summary>
    /// Parses a duration of at most <paramref name="max"/>; days (<c>7d</c>) are read too, for callers whose
    /// <paramref name="max"/> is longer than a day (retention periods in reach.yaml).
    /// </summary>
    public static bool TryParse(string? text, TimeSpan max, out TimeSpan duration, [NotNullWhen(false)] out string? error)
    {
        duration = TimeSpan.Zero;
        var span = (text ?? string.Empty).AsSpan().Trim();
        if (span.IsEmpty)
        {
            error = "empty duration (examples: 500ms, 3s, 1m, 0.5)";
            return false;
        }

        double seconds;
        if (double.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var bareSeconds))
        {
            seconds = bareSeconds;
        }
        else if (!TrySumUnits(span, text!, out seconds, out error))
        {
            return false;
        }

        if (double.IsNaN(seconds) || seconds < 0 || seconds > max.TotalSeconds)
        {
            error = $"{Printable.Quote(text)} is out of range (0 to {FormatLimit(max)})";
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        error = null;
        return true;
    }

    /// <summary>Formats a duration the way the parser reads it back (<c>1.5s</c>, <c>250ms</c>).</summary>
    public static string Format(TimeSpan duration) => duration.TotalSeconds >= 1
        ? duration.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s"
        : duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + "ms";

    private static bool TrySumUnits(ReadOnlySpan<char> span, string text, out double seconds, [NotNullWhen(false)] out string? error)
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
                error = $"{Printable.Quote(text)} is not a duration (examples: 500ms, 3s, 1m, 0.5)";
                return false;
            }

            double? unitSeconds = span.Slice(numberLength, unitLength) switch
            {
                "us" => 1e-6,
                "ms" => 1e-3,
                "s" => 1,
                "m" => 60,
                "h" => 3600,
                "d" => 86400,
                _ => null,
            };
            if (unitSeconds is null)
            {
                error = $"{Printable.Quote(text)} has an unknown unit {Printable.Quote(span.Slice(numberLength, unitLength).ToString())} (use ms, s, m, h or d)";
                return false;
            }

            seconds += value * unitSeconds.Value;
            span = span[(numberLength + unitLength)..];
        }

        error = null;
        return true;
    }

    private static string FormatLimit(TimeSpan max) => max > OptionMax
        ? max.TotalDays.ToString("0.###", CultureInfo.InvariantCulture) + "d"
        : max.TotalHours.ToString("0.###", CultureInfo.InvariantCulture) + "h";
}
