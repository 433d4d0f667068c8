using System.Data.Common;
using Reach.Monitoring.Config;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.State;

namespace Reach.Monitoring.Store;

/// <summary>
/// What the SQLite and PostgreSQL stores do the same way, over System.Data.Common: every operation but finding due
/// alerts, which differs per engine. An engine supplies connections, transactions, a way to run many statements, and
/// the <see cref="StoreDialect"/> for the SQL that differs. Not for other assemblies to derive from.
/// </summary>
internal abstract class SqlMonitorStore : IMonitorStore
{
    private protected SqlMonitorStore(StoreDialect dialect)
    {
        Dialect = dialect;
        Targets = new TargetRegistry(dialect);
    }

    private protected StoreDialect Dialect { get; }

    private protected TargetRegistry Targets { get; }

    public abstract Task InitializeAsync(CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    public abstract Task<IReadOnlyList<PendingAlert>> GetDueAlertsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    public Task RecordAsync(IReadOnlyList<ProbeRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WriteAsync(durable: false, async (connection, transaction) =>
        {
            var statements = new List<SqlStatement>(records.Count * 2);
            foreach (var record in records)
            {
                var id = await Targets.IdAsync(connection, transaction, record.Target, cancellationToken).ConfigureAwait(false);
                statements.AddRange(ProbeLog.Statements(id, record));
            }

            await ExecuteManyAsync(connection, transaction, statements, cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    public Task<IReadOnlyDictionary<TargetKey, TargetState>> LoadStatesAsync(CancellationToken cancellationToken) =>
        ReadAsync(connection => StoreQueries.LoadStatesAsync(connection, Dialect, cancellationToken), cancellationToken);

    public Task SyncTargetsAsync(IReadOnlyCollection<TargetKey> configured, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configured);
        return WriteAsync(durable: true, async (connection, transaction) =>
        {
            await Targets.SyncAsync(connection, transaction, configured, now, cancellationToken).ConfigureAwait(false);
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
            var id = await Targets.IdAsync(connection, transaction, target, cancellationToken).ConfigureAwait(false);
            return await IncidentAndAlertWriter.WriteStateChangeAsync(connection, transaction, id, transition, channels, now, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<long?> CommitCertificateEventAsync(
        TargetKey target,
        CertificateEvent certificateEvent,
        long? warningId,
        IReadOnlyList<string> channels,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificateEvent);
        ArgumentNullException.ThrowIfNull(channels);
        return WriteAsync(durable: true, async (connection, transaction) =>
        {
            var id = await Targets.IdAsync(connection, transaction, target, cancellationToken).ConfigureAwait(false);
            return await CertificateEventWriter.WriteAsync(connection, transaction, id, certificateEvent, warningId, channels, now, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyDictionary<TargetKey, CertificateMemory>> LoadCertificatesAsync(CancellationToken cancellationToken) =>
        ReadAsync(connection => StoreQueries.LoadCertificatesAsync(connection, Dialect, cancellationToken), cancellationToken);

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

    /// <summary>Each store compacts its own targets, with its own retention.</summary>
    public Task CompactAsync(DateTimeOffset now, HistoryRetention retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(retention);
        return WriteAsync(durable: false, async (connection, transaction) =>
        {
            await BeforeCompactionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
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

    /// <summary>When the store shows every agent, the buckets of every agent watching the target are summed.</summary>
    public Task<IReadOnlyList<LatencyPoint>> GetSeriesAsync(TargetKey target, DateTimeOffset since, DateTimeOffset until, TimeSpan bucket, CancellationToken cancellationToken) =>
        ReadAsync(connection => StoreQueries.SeriesAsync(connection, Dialect, target, since, until, bucket, cancellationToken), cancellationToken);

    /// <summary>Runs a read query on a connection of its own.</summary>
    private protected abstract Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> query, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction, one write at a time. <paramref name="durable"/> marks the commits
    /// the alert guarantee rests on (a state change with its alerts, an alert sent or given up): they must survive a
    /// power cut, where losing the last probe results would not.
    /// </summary>
    private protected abstract Task<T> WriteAsync<T>(bool durable, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>Runs many statements (the probe results of a batch) in the caller's transaction, in order.</summary>
    private protected abstract Task ExecuteManyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken);

    /// <summary>Runs first in the compaction's transaction (a store shared by agents takes a lock here).</summary>
    private protected virtual Task BeforeCompactionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}
