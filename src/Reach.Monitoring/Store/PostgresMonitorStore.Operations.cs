using System.Data.Common;
using Npgsql;

namespace Reach.Monitoring.Store;

/// <summary>
/// What the PostgreSQL store does its own way: probe results in one batch (one round trip), due alerts claimed for
/// one dispatcher among several, and compaction one agent at a time.
/// </summary>
internal sealed partial class PostgresMonitorStore
{
    /// <summary>One round trip for the whole batch of probe results instead of three per record.</summary>
    private protected override async Task ExecuteManyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        var batch = new NpgsqlBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction);
        await using var batchScope = batch.ConfigureAwait(false);
        foreach (var (sql, parameters) in statements)
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

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Claims this agent's due alerts: locked rows are skipped (another dispatcher has them) and the claimed ones get
    /// their next attempt moved past <see cref="ClaimLease"/>, so no other dispatcher sees them until they are
    /// marked sent, retried or abandoned, or the lease runs out (the claiming dispatcher died).
    /// </summary>
    public override Task<IReadOnlyList<PendingAlert>> GetDueAlertsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlyList<PendingAlert>>(durable: false, async (connection, transaction) =>
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

    /// <summary>
    /// Two processes compacting at once would roll the same rows up twice: one at a time, and each statement after the
    /// lock sees what the previous compaction committed.
    /// </summary>
    private protected override Task BeforeCompactionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        StoreCommands.ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("@key", PostgresSchema.CompactionLock));
}
