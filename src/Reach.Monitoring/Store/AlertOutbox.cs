using System.Data.Common;
using static Reach.Monitoring.Store.StoredValues;

namespace Reach.Monitoring.Store;

/// <summary>
/// What the dispatcher writes back to the outbox, and the repeat alerts of incidents still open, for both stores.
/// Finding due alerts differs (PostgreSQL claims them for one dispatcher) and stays with each store.
/// </summary>
internal static class AlertOutbox
{
    /// <summary>Only an unsent alert is marked: the first dispatcher to send it keeps its time.</summary>
    public static Task<int> MarkSentAsync(DbConnection connection, DbTransaction transaction, long id, DateTimeOffset at, CancellationToken cancellationToken) =>
        StoreCommands.ExecuteAsync(connection, transaction, "UPDATE outbox SET sent = @at, attempts = attempts + 1 WHERE id = @id AND sent IS NULL",
            cancellationToken, ("@at", ToMs(at)), ("@id", id));

    public static Task<int> MarkRetryAsync(DbConnection connection, DbTransaction transaction, long id, int attempts, DateTimeOffset nextAttempt, string failure, CancellationToken cancellationToken) =>
        StoreCommands.ExecuteAsync(connection, transaction, "UPDATE outbox SET attempts = @attempts, next_attempt = @next, last_error = @error WHERE id = @id",
            cancellationToken, ("@attempts", attempts), ("@next", ToMs(nextAttempt)), ("@error", failure), ("@id", id));

    public static Task<int> MarkAbandonedAsync(DbConnection connection, DbTransaction transaction, long id, DateTimeOffset at, string failure, CancellationToken cancellationToken) =>
        StoreCommands.ExecuteAsync(connection, transaction, "UPDATE outbox SET abandoned = @at, last_error = @error WHERE id = @id",
            cancellationToken, ("@at", ToMs(at)), ("@error", failure), ("@id", id));

    /// <summary>Queues a repeat for each of this store's open incidents last alerted at least <paramref name="repeat"/> ago.</summary>
    public static async Task<int> EnqueueDueRepeatsAsync(
        DbConnection connection,
        DbTransaction transaction,
        StoreDialect dialect,
        DateTimeOffset now,
        TimeSpan repeat,
        IReadOnlyList<string> channels,
        CancellationToken cancellationToken)
    {
        var due = await StoreCommands.QueryAsync(connection, transaction,
            $"""
            SELECT i.id FROM incidents i JOIN targets t ON t.id = i.target
            WHERE i.ended IS NULL AND i.kind = 0 AND t.active = 1 AND {dialect.OwnTargets} AND COALESCE(i.last_alert, i.started) <= @cutoff
            {dialect.LockDueIncidents}
            """,
            reader => reader.GetInt64(0), cancellationToken, dialect.WithScope(("@cutoff", ToMs(now - repeat)))).ConfigureAwait(false);
        foreach (var incident in due)
        {
            await IncidentAndAlertWriter.QueueRepeatAsync(connection, transaction, incident, channels, now, cancellationToken).ConfigureAwait(false);
        }

        return due.Count;
    }
}
