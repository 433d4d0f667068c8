using System.Globalization;
using Reach.Cli.Infrastructure;
using Reach.Monitoring.Config;
using Reach.Text;

namespace Reach.Cli.Commands;

/// <summary>The period of <c>reach report</c>: <c>--since DURATION</c> back from now, or <c>--from</c>/<c>--to</c>.</summary>
internal static class ReportPeriod
{
    public static readonly TimeSpan DefaultSince = TimeSpan.FromHours(24);

    /// <summary>[from, to); bad input is a <see cref="UsageException"/> naming the option.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Parse(string? since, string? from, string? to, DateTimeOffset now)
    {
        if (since is not null && from is not null)
        {
            throw new UsageException("--since and --from exclude each other (--since 7d, or --from TIME [--to TIME])");
        }

        var end = to is null ? now : Timestamp(to, "--to");
        if (from is not null)
        {
            var start = Timestamp(from, "--from");
            return start < end
                ? (start, end)
                : throw new UsageException($"--from {Iso(start)} is not before --to {Iso(end)}");
        }

        var length = DefaultSince;
        if (since is not null && (!ConfigDuration.TryParse(since, out length, out var error) || length <= TimeSpan.Zero))
        {
            throw new UsageException($"--since: {error ?? $"{Printable.Quote(since)} must be more than 0 (examples: 24h, 7d, 30d, 90m)"}");
        }

        return (end - length, end);
    }

    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Timestamp(string text, string option) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new UsageException($"{option}: {Printable.Quote(text)} is not an ISO 8601 time (2026-01-31, 2026-01-31T08:00:00Z, 2026-01-31T09:00+01:00)");
}
