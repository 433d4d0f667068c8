using System.Data.Common;
using Reach.Monitoring.Config;
using static Reach.Monitoring.Store.StoredValues;

namespace Reach.Monitoring.Store;

/// <summary>
/// Keeps a store's history bounded, inside the caller's transaction: raw results roll up into minutes, minutes into
/// hours, hours expire, and so do old incidents and finished alerts. Each store compacts only its own targets.
/// </summary>
internal static class HistoryCompaction
{
    private const long MinuteMs = 60_000;
    private const long HourMs = 3_600_000;

    /// <summary>How long sent or abandoned alerts stay in the outbox (for inspection).</summary>
    private static readonly TimeSpan OutboxRetention = TimeSpan.FromDays(7);

    public static async Task RunAsync(DbConnection connection, DbTransaction transaction, StoreDialect dialect, DateTimeOffset now, HistoryRetention retention, CancellationToken cancellationToken)
    {
        // Cut on bucket boundaries so that a bucket is rolled up once, whole.
        var rawCutoff = Floor(ToMs(now - retention.Raw), MinuteMs);
        await RollUpAsync(connection, transaction, dialect, "results", "results_minute", MinuteMs, rawCutoff, raw: true, cancellationToken).ConfigureAwait(false);

        var minuteCutoff = Floor(ToMs(now - retention.Minutes), HourMs);
        await RollUpAsync(connection, transaction, dialect, "results_minute", "results_hour", HourMs, minuteCutoff, raw: false, cancellationToken).ConfigureAwait(false);

        var hourCutoff = dialect.WithScope(("@cutoff", ToMs(now - retention.Hours)));
        await StoreCommands.ExecuteAsync(connection, transaction,
            $"DELETE FROM results_hour WHERE bucket < @cutoff AND {dialect.OwnTargetRows("target")}", cancellationToken, hourCutoff).ConfigureAwait(false);

        // Finished alerts go before the incidents they belong to: a shared store finds an agent's alerts through their
        // incident, so alerts of an incident deleted first would stay forever. Finished alerts whose incident is
        // already gone (left by earlier versions) belong to no agent and go too.
        await StoreCommands.ExecuteAsync(connection, transaction,
            $"""
            DELETE FROM outbox WHERE ((sent IS NOT NULL AND sent < @cutoff) OR (abandoned IS NOT NULL AND abandoned < @cutoff))
                AND ({dialect.OwnIncidentRows("incident")} OR NOT EXISTS (SELECT 1 FROM incidents gone WHERE gone.id = outbox.incident))
            """,
            cancellationToken, dialect.WithScope(("@cutoff", ToMs(now - OutboxRetention)))).ConfigureAwait(false);

        // An incident whose alert is still being delivered stays until it is sent or abandoned.
        await StoreCommands.ExecuteAsync(connection, transaction,
            $"""
            DELETE FROM incidents WHERE ended IS NOT NULL AND ended < @cutoff AND {dialect.OwnTargetRows("target")}
                AND NOT EXISTS (SELECT 1 FROM outbox pending WHERE pending.incident = incidents.id AND pending.sent IS NULL AND pending.abandoned IS NULL)
            """,
            cancellationToken, hourCutoff).ConfigureAwait(false);
    }

    private static async Task RollUpAsync(
        DbConnection connection,
        DbTransaction transaction,
        StoreDialect dialect,
        string from,
        string to,
        long bucketMs,
        long cutoff,
        bool raw,
        CancellationToken cancellationToken)
    {
        var time = raw ? "at" : "bucket";
        var select = raw
            ? "COUNT(*), COUNT(CASE WHEN verdict = 1 THEN 1 END), COUNT(CASE WHEN verdict = 0 THEN 1 END), CAST(COALESCE(SUM(latency_us), 0) AS BIGINT), COUNT(latency_us), MIN(latency_us), MAX(latency_us)"
            : "CAST(SUM(probes) AS BIGINT), CAST(SUM(successes) AS BIGINT), CAST(SUM(failures) AS BIGINT), CAST(SUM(latency_sum_us) AS BIGINT), CAST(SUM(latency_count) AS BIGINT), MIN(latency_min_us), MAX(latency_max_us)";
        await StoreCommands.ExecuteAsync(connection, transaction,
            $"""
            INSERT INTO {to} AS d (target, bucket, probes, successes, failures, latency_sum_us, latency_count, latency_min_us, latency_max_us)
            SELECT target, ({time} / @size) * @size, {select} FROM {from} WHERE {time} < @cutoff AND {dialect.OwnTargetRows("target")} GROUP BY 1, 2
            ON CONFLICT (target, bucket) DO UPDATE SET
                probes = d.probes + excluded.probes,
                successes = d.successes + excluded.successes,
                failures = d.failures + excluded.failures,
                latency_sum_us = d.latency_sum_us + excluded.latency_sum_us,
                latency_count = d.latency_count + excluded.latency_count,
                latency_min_us = {dialect.SmallerOf("d.latency_min_us", "excluded.latency_min_us")},
                latency_max_us = {dialect.LargerOf("d.latency_max_us", "excluded.latency_max_us")}
            """,
            cancellationToken, dialect.WithScope(("@size", bucketMs), ("@cutoff", cutoff))).ConfigureAwait(false);
        await StoreCommands.ExecuteAsync(connection, transaction,
            $"DELETE FROM {from} WHERE {time} < @cutoff AND {dialect.OwnTargetRows("target")}", cancellationToken, dialect.WithScope(("@cutoff", cutoff))).ConfigureAwait(false);
    }

    private static long Floor(long value, long step) => value - (((value % step) + step) % step);
}
