using Microsoft.Data.Sqlite;
using Reach.Monitoring.Config;

namespace Reach.Monitoring.Store;

/// <summary>Keeps the file bounded: raw results roll up into minutes, minutes into hours, hours expire.</summary>
public sealed partial class SqliteMonitorStore
{
    private const long MinuteMs = 60_000;
    private const long HourMs = 3_600_000;

    /// <summary>How long sent or abandoned alerts stay in the outbox (for inspection).</summary>
    private static readonly TimeSpan OutboxRetention = TimeSpan.FromDays(7);

    public Task CompactAsync(DateTimeOffset now, HistoryRetention retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return WriteAsync(durable: false, async (connection, transaction) =>
        {
            // Cut on bucket boundaries so that a bucket is rolled up once, whole.
            var rawCutoff = Floor(ToMs(now - retention.Raw), MinuteMs);
            await RollUpAsync(connection, transaction, "results", "results_minute", MinuteMs, rawCutoff, raw: true, cancellationToken).ConfigureAwait(false);

            var minuteCutoff = Floor(ToMs(now - retention.Minutes), HourMs);
            await RollUpAsync(connection, transaction, "results_minute", "results_hour", HourMs, minuteCutoff, raw: false, cancellationToken).ConfigureAwait(false);

            var hourCutoff = ToMs(now - retention.Hours);
            await ExecuteAsync(connection, transaction, "DELETE FROM results_hour WHERE bucket < $cutoff", cancellationToken, ("$cutoff", hourCutoff)).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, "DELETE FROM incidents WHERE ended IS NOT NULL AND ended < $cutoff", cancellationToken, ("$cutoff", hourCutoff)).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                "DELETE FROM outbox WHERE (sent IS NOT NULL AND sent < $cutoff) OR (abandoned IS NOT NULL AND abandoned < $cutoff)",
                cancellationToken, ("$cutoff", ToMs(now - OutboxRetention))).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    private static async Task RollUpAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string from,
        string to,
        long bucketMs,
        long cutoff,
        bool raw,
        CancellationToken cancellationToken)
    {
        var time = raw ? "at" : "bucket";
        var select = raw
            ? "COUNT(*), SUM(verdict = 1), SUM(verdict = 0), COALESCE(SUM(latency_us), 0), COUNT(latency_us), MIN(latency_us), MAX(latency_us)"
            : "SUM(probes), SUM(successes), SUM(failures), SUM(latency_sum_us), SUM(latency_count), MIN(latency_min_us), MAX(latency_max_us)";
        await ExecuteAsync(connection, transaction,
            $"""
            INSERT INTO {to} (target, bucket, probes, successes, failures, latency_sum_us, latency_count, latency_min_us, latency_max_us)
            SELECT target, ({time} / $size) * $size, {select} FROM {from} WHERE {time} < $cutoff GROUP BY 1, 2
            ON CONFLICT (target, bucket) DO UPDATE SET
                probes = probes + excluded.probes,
                successes = successes + excluded.successes,
                failures = failures + excluded.failures,
                latency_sum_us = latency_sum_us + excluded.latency_sum_us,
                latency_count = latency_count + excluded.latency_count,
                latency_min_us = MIN(COALESCE(latency_min_us, excluded.latency_min_us), COALESCE(excluded.latency_min_us, latency_min_us)),
                latency_max_us = MAX(COALESCE(latency_max_us, excluded.latency_max_us), COALESCE(excluded.latency_max_us, latency_max_us))
            """,
            cancellationToken, ("$size", bucketMs), ("$cutoff", cutoff)).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"DELETE FROM {from} WHERE {time} < $cutoff", cancellationToken, ("$cutoff", cutoff)).ConfigureAwait(false);
    }

    private static long Floor(long value, long step) => value - (((value % step) + step) % step);
}
