using Npgsql;
using Reach.Monitoring.Config;

namespace Reach.Monitoring.Store;

/// <summary>Keeps this agent's history bounded: raw results roll up into minutes, minutes into hours, hours expire.</summary>
public sealed partial class PostgresMonitorStore
{
    private const long MinuteMs = 60_000;
    private const long HourMs = 3_600_000;

    /// <summary>How long sent or abandoned alerts stay in the outbox (for inspection).</summary>
    private static readonly TimeSpan OutboxRetention = TimeSpan.FromDays(7);

    /// <summary>Each agent compacts its own targets with its own retention.</summary>
    private const string OwnTargets = "target IN (SELECT id FROM targets WHERE agent = @agent)";

    public Task CompactAsync(DateTimeOffset now, HistoryRetention retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return WriteAsync(async (connection, transaction) =>
        {
            // Two processes compacting at once would roll the same rows up twice: one at a time, and each statement
            // after the lock sees what the previous compaction committed.
            await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("key", PostgresSchema.CompactionLock)).ConfigureAwait(false);

            // Cut on bucket boundaries so that a bucket is rolled up once, whole.
            var rawCutoff = Floor(ToMs(now - retention.Raw), MinuteMs);
            await RollUpAsync(connection, transaction, "results", "results_minute", MinuteMs, rawCutoff, raw: true, cancellationToken).ConfigureAwait(false);

            var minuteCutoff = Floor(ToMs(now - retention.Minutes), HourMs);
            await RollUpAsync(connection, transaction, "results_minute", "results_hour", HourMs, minuteCutoff, raw: false, cancellationToken).ConfigureAwait(false);

            var hourCutoff = ToMs(now - retention.Hours);
            await ExecuteAsync(connection, transaction, $"DELETE FROM results_hour WHERE bucket < @cutoff AND {OwnTargets}", cancellationToken,
                ("cutoff", hourCutoff), ("agent", Agent)).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction, $"DELETE FROM incidents WHERE ended IS NOT NULL AND ended < @cutoff AND {OwnTargets}", cancellationToken,
                ("cutoff", hourCutoff), ("agent", Agent)).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                """
                DELETE FROM outbox WHERE ((sent IS NOT NULL AND sent < @cutoff) OR (abandoned IS NOT NULL AND abandoned < @cutoff))
                    AND incident IN (SELECT i.id FROM incidents i JOIN targets t ON t.id = i.target WHERE t.agent = @agent)
                """,
                cancellationToken, ("cutoff", ToMs(now - OutboxRetention)), ("agent", Agent)).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    private async Task RollUpAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string from,
        string to,
        long bucketMs,
        long cutoff,
        bool raw,
        CancellationToken cancellationToken)
    {
        var time = raw ? "at" : "bucket";
        var select = raw
            ? "COUNT(*), COUNT(*) FILTER (WHERE verdict = 1), COUNT(*) FILTER (WHERE verdict = 0), COALESCE(SUM(latency_us), 0)::bigint, COUNT(latency_us), MIN(latency_us), MAX(latency_us)"
            : "SUM(probes)::bigint, SUM(successes)::bigint, SUM(failures)::bigint, SUM(latency_sum_us)::bigint, SUM(latency_count)::bigint, MIN(latency_min_us), MAX(latency_max_us)";
        await ExecuteAsync(connection, transaction,
            $"""
            INSERT INTO {to} AS d (target, bucket, probes, successes, failures, latency_sum_us, latency_count, latency_min_us, latency_max_us)
            SELECT target, ({time} / @size) * @size, {select} FROM {from} WHERE {time} < @cutoff AND {OwnTargets} GROUP BY 1, 2
            ON CONFLICT (target, bucket) DO UPDATE SET
                probes = d.probes + excluded.probes,
                successes = d.successes + excluded.successes,
                failures = d.failures + excluded.failures,
                latency_sum_us = d.latency_sum_us + excluded.latency_sum_us,
                latency_count = d.latency_count + excluded.latency_count,
                latency_min_us = LEAST(d.latency_min_us, excluded.latency_min_us),
                latency_max_us = GREATEST(d.latency_max_us, excluded.latency_max_us)
            """,
            cancellationToken, ("size", bucketMs), ("cutoff", cutoff), ("agent", Agent)).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"DELETE FROM {from} WHERE {time} < @cutoff AND {OwnTargets}", cancellationToken,
            ("cutoff", cutoff), ("agent", Agent)).ConfigureAwait(false);
    }

    private static long Floor(long value, long step) => value - (((value % step) + step) % step);
}
