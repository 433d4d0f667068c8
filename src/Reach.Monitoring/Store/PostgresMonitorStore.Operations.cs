using Npgsql;
using Reach.Monitoring.Config;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.State;

namespace Reach.Monitoring.Store;

/// <summary>
/// The store's operations, written once for both stores (<see cref="TargetRegistry"/>, <see cref="TransitionLedger"/>,
/// <see cref="ProbeLog"/>, <see cref="AlertOutbox"/>, <see cref="HistoryCompaction"/>, <see cref="StoreQueries"/>),
/// scoped to this agent by <see cref="PostgresDialect"/>. Here: what sharing the database with other agents and
/// other dispatchers needs (claiming due alerts, compacting one at a time) and sending probe results in one batch.
/// </summary>
public sealed partial class PostgresMonitorStore
{
    public Task<IReadOnlyDictionary<TargetKey, TargetState>> LoadStatesAsync(CancellationToken cancellationToken) =>
        ReadAsync(connection => StoreQueries.LoadStatesAsync(connection, dialect, cancellationToken), cancellationToken);

    public Task SyncTargetsAsync(IReadOnlyCollection<TargetKey> configured, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configured);
        return WriteAsync(async (connection, transaction) =>
        {
            await targets.SyncAsync(connection, transaction, configured, now, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    public Task<TargetState> CommitTransitionAsync(
        TargetKey target,
        StateTransition transition,
        IReadOnlyList<string> channels,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transition);
        ArgumentNullException.ThrowIfNull(channels);
        return WriteAsync(async (connection, transaction) =>
        {
            var id = await targets.IdAsync(connection, transaction, target, cancellationToken).ConfigureAwait(false);
            return await TransitionLedger.WriteAsync(connection, transaction, id, transition, channels, now, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task RecordAsync(IReadOnlyList<ProbeRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WriteAsync(async (connection, transaction) =>
        {
            // One round trip for the whole batch instead of three per record.
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var record in records)
            {
                var id = await targets.IdAsync(connection, transaction, record.Target, cancellationToken).ConfigureAwait(false);
                foreach (var (sql, parameters) in ProbeLog.Statements(id, record))
                {
#pragma warning disable CA2100 // Every statement is a constant of this assembly; values go through parameters.
                    var command = new NpgsqlBatchCommand(sql);
#pragma warning restore CA2100
                    foreach (var (name, value) in parameters)
                    {
                        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
                    }

                    batch.BatchCommands.Add(command);
                }
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    /// <summary>
    /// Claims this agent's due alerts: locked rows are skipped (another dispatcher has them) and the claimed ones get
    /// their next attempt moved past <see cref="ClaimLease"/>, so no other dispatcher sees them until they are
    /// marked sent, retried or abandoned, or the lease runs out (the claiming dispatcher died).
    /// </summary>
    public Task<IReadOnlyList<PendingAlert>> GetDueAlertsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlyList<PendingAlert>>(async (connection, transaction) =>
        {
            var alerts = await StoreCommands.QueryAsync(connection, transaction,
                $"""
                WITH due AS (
                    SELECT o.id FROM outbox o JOIN incidents i ON i.id = o.incident JOIN targets t ON t.id = i.target
                    WHERE o.sent IS NULL AND o.abandoned IS NULL AND o.next_attempt <= @now AND t.agent = @agent
                    ORDER BY o.id LIMIT @limit
                    FOR UPDATE OF o SKIP LOCKED)
                UPDATE outbox o SET next_attempt = @lease
                FROM due, incidents i, targets t
                WHERE o.id = due.id AND i.id = o.incident AND t.id = i.target
                RETURNING {StoreRows.AlertColumns}
                """,
                StoreRows.ReadAlert, cancellationToken,
                ("@now", StoredValues.ToMs(now)), ("@agent", Agent), ("@limit", limit), ("@lease", StoredValues.ToMs(now + ClaimLease))).ConfigureAwait(false);
            // RETURNING comes in no particular order; callers expect the oldest first.
            alerts.Sort((a, b) => a.Id.CompareTo(b.Id));
            return alerts;
        }, cancellationToken);

    public Task MarkAlertSentAsync(long id, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => AlertOutbox.MarkSentAsync(connection, transaction, id, at, cancellationToken), cancellationToken);

    public Task MarkAlertRetryAsync(long id, int attempts, DateTimeOffset nextAttempt, string failure, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => AlertOutbox.MarkRetryAsync(connection, transaction, id, attempts, nextAttempt, failure, cancellationToken), cancellationToken);

    public Task MarkAlertAbandonedAsync(long id, DateTimeOffset at, string failure, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => AlertOutbox.MarkAbandonedAsync(connection, transaction, id, at, failure, cancellationToken), cancellationToken);

    public Task<int> EnqueueDueRepeatsAsync(DateTimeOffset now, TimeSpan repeat, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return WriteAsync((connection, transaction) =>
            AlertOutbox.EnqueueDueRepeatsAsync(connection, transaction, dialect, now, repeat, channels, cancellationToken), cancellationToken);
    }

    /// <summary>Each agent compacts its own targets, with its own retention.</summary>
    public Task CompactAsync(DateTimeOffset now, HistoryRetention retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return WriteAsync(async (connection, transaction) =>
        {
            // Two processes compacting at once would roll the same rows up twice: one at a time, and each statement
            // after the lock sees what the previous compaction committed.
            await StoreCommands.ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("@key", PostgresSchema.CompactionLock)).ConfigureAwait(false);
            await HistoryCompaction.RunAsync(connection, transaction, dialect, now, retention, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<TargetSnapshot>> GetLatestAsync(bool includeRetired, CancellationToken cancellationToken) =>
        ReadAsync(connection => StoreQueries.LatestAsync(connection, dialect, includeRetired, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Incident>> GetIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken) =>
        ReadAsync(connection => StoreQueries.IncidentsAsync(connection, dialect, query, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<UptimeSummary>> GetUptimeAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        ReadAsync(connection => StoreQueries.UptimeAsync(connection, dialect, since, until, cancellationToken), cancellationToken);

    /// <summary>With <see cref="AllAgents"/>, the buckets of every agent watching the target are summed.</summary>
    public Task<IReadOnlyList<LatencyPoint>> GetSeriesAsync(TargetKey target, DateTimeOffset since, DateTimeOffset until, TimeSpan bucket, CancellationToken cancellationToken) =>
        ReadAsync(connection => StoreQueries.SeriesAsync(connection, dialect, target, since, until, bucket, cancellationToken), cancellationToken);
}
