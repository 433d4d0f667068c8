using System.Data.Common;
using Reach.Monitoring.Expansion;

namespace Reach.Monitoring.Store;

/// <summary>
/// The row ids of a store's targets, cached, and the one place that adds target rows or applies a configuration to
/// them. Runs inside the caller's write transaction; the store's one-writer-at-a-time lock guards the cache.
/// </summary>
internal sealed class TargetRegistry(StoreDialect dialect)
{
    private readonly Dictionary<TargetKey, long> ids = [];

    /// <summary>The row id of a target, adding it when new.</summary>
    public async Task<long> IdAsync(DbConnection connection, DbTransaction transaction, TargetKey key, CancellationToken cancellationToken)
    {
        if (ids.TryGetValue(key, out var id))
        {
            return id;
        }

        var parameters = dialect.WithScope(("@c", key.Check), ("@h", key.Host), ("@p", key.Port));
        await StoreCommands.ExecuteAsync(connection, transaction, dialect.InsertTarget, cancellationToken, parameters).ConfigureAwait(false);
        id = (long)(await StoreCommands.ScalarAsync(connection, transaction,
            $"SELECT t.id FROM targets t WHERE {dialect.OwnTargets} AND t.check_name = @c AND t.host = @h AND t.port = @p",
            cancellationToken, parameters).ConfigureAwait(false))!;
        ids[key] = id;
        return id;
    }

    /// <summary>
    /// Makes <paramref name="configured"/> the active targets: new ones are added, missing ones retired and returning
    /// ones revived (<see cref="IncidentAndAlertWriter.ApplyConfigurationAsync"/>).
    /// </summary>
    public async Task SyncAsync(DbConnection connection, DbTransaction transaction, IReadOnlyCollection<TargetKey> configured, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wanted = configured.ToHashSet();
        var existing = await StoreCommands.QueryAsync(connection, transaction,
            $"SELECT t.id, t.check_name, t.host, t.port, t.active FROM targets t WHERE {dialect.OwnTargets}",
            reader => (Id: reader.GetInt64(0), Key: StoreRows.ReadKey(reader, 1), Active: reader.GetInt32(4) == 1),
            cancellationToken, dialect.WithScope()).ConfigureAwait(false);

        foreach (var (id, key, active) in existing)
        {
            ids[key] = id;
            await IncidentAndAlertWriter.ApplyConfigurationAsync(connection, transaction, id, active, wanted.Contains(key), now, cancellationToken).ConfigureAwait(false);
        }

        foreach (var key in wanted.Where(k => !ids.ContainsKey(k)))
        {
            await IdAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Forgets every id, after a transaction that may have added some rolled back.</summary>
    public void Forget() => ids.Clear();
}
