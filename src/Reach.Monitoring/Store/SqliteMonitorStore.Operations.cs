using Reach.Monitoring.Config;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.State;

namespace Reach.Monitoring.Store;

/// <summary>
/// The store's operations, written once for both stores (<see cref="TargetRegistry"/>, <see cref="TransitionLedger"/>,
/// <see cref="ProbeLog"/>, <see cref="AlertOutbox"/>, <see cref="HistoryCompaction"/>, <see cref="StoreQueries"/>).
/// Here: which commits the alert guarantee rests on (durable), and the plain due-alert query of a single dispatcher.
/// </summary>
public sealed partial class SqliteMonitorStore
{
    private static readonly SqliteDialect Dialect = SqliteDialect.Instance;

    public Task<IReadOnlyDictionary<TargetKey, TargetState>> LoadStatesAsync(CancellationToken cancellationToken) =>
        ReadAsync(connection => StoreQueries.LoadStatesAsync(connection, Dialect, cancellationToken), cancellationToken);

    public Task SyncTargetsAsync(IReadOnlyCollection<TargetKey> configured, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configured);
        return WriteAsync(durable: true, async (connection, transaction) =>
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
        return WriteAsync(durable: true, async (connection, transaction) =>
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

        return WriteAsync(durable: false, async (connection, transaction) =>
        {
            await using var commands = new ReusedCommands(connection, transaction);
            foreach (var record in records)
            {
                var id = await targets.IdAsync(connection, transaction, record.Target, cancellationToken).ConfigureAwait(false);
                foreach (var (sql, parameters) in ProbeLog.Statements(id, record))
                {
                    await commands.ExecuteAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
                }
            }

            return 0;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<PendingAlert>> GetDueAlertsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<PendingAlert>>(async connection => await StoreCommands.QueryAsync(connection, null,
            $"""
            SELECT {StoreRows.AlertColumns}
            FROM outbox o JOIN incidents i ON i.id = o.incident JOIN targets t ON t.id = i.target
            WHERE o.sent IS NULL AND o.abandoned IS NULL AND o.next_attempt <= @now
            ORDER BY o.id LIMIT @limit
            """,
            StoreRows.ReadAlert, cancellationToken, ("@now", StoredValues.ToMs(now)), ("@limit", limit)).ConfigureAwait(false), cancellationToken);

    public Task MarkAlertSentAsync(long id, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(durable: true, (connection, transaction) => AlertOutbox.MarkSentAsync(connection, transaction, id, at, cancellationToken), cancellationToken);

    public Task MarkAlertRetryAsync(long id, int attempts, DateTimeOffset nextAttempt, string failure, CancellationToken cancellationToken) =>
        WriteAsync(durable: false, (connection, transaction) => AlertOutbox.MarkRetryAsync(connection, transaction, id, attempts, nextAttempt, failure, cancellationToken), cancellationToken);

    public Task MarkAlertAbandonedAsync(long id, DateTimeOffset at, string failure, CancellationToken cancellationToken) =>
        WriteAsync(durable: true, (connection, transaction) => AlertOutbox.MarkAbandonedAsync(connection, transaction, id, at, failure, cancellationToken), cancellationToken);

    public Task<int> EnqueueDueRepeatsAsync(DateTimeOffset now, TimeSpan repeat, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return WriteAsync(durable: true, (connection, transaction) =>
            AlertOutbox.EnqueueDueRepeatsAsync(connection, transaction, Dialect, now, repeat, channels, cancellationToken), cancellationToken);
    }

    public Task CompactAsync(DateTimeOffset now, HistoryRetention retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return WriteAsync(durable: false, async (connection, transaction) =>
        {
            await HistoryCompaction.RunAsync(connection, transaction, Dialect, now, retention, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<TargetSnapshot>> GetLatestAsync(bool includeRetired, CancellationToken cancellationToken) =>
        ReadAsync(connection => StoreQueries.LatestAsync(connection, Dialect, includeRetired, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<Incident>> GetIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken) =>
        ReadAsync(connection => StoreQueries.IncidentsAsync(connection, Dialect, query, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<UptimeSummary>> GetUptimeAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        ReadAsync(connection => StoreQueries.UptimeAsync(connection, Dialect, since, until, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<LatencyPoint>> GetSeriesAsync(TargetKey target, DateTimeOffset since, DateTimeOffset until, TimeSpan bucket, CancellationToken cancellationToken) =>
        ReadAsync(connection => StoreQueries.SeriesAsync(connection, Dialect, target, since, until, bucket, cancellationToken), cancellationToken);
}
