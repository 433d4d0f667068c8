using System.Data.Common;

namespace Reach.Monitoring.Store;

/// <summary>
/// What the SQLite store does its own way: probe results through prepared commands, and due alerts by a plain
/// query, since one dispatcher reads the file.
/// </summary>
internal sealed partial class SqliteMonitorStore
{
    /// <summary>SQLite has no batches: each distinct statement is prepared once and run again with new values.</summary>
    private protected override async Task ExecuteManyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SqlStatement> statements, CancellationToken cancellationToken)
    {
        var prepared = new Dictionary<string, DbCommand>();
        try
        {
            foreach (var (sql, parameters) in statements)
            {
                if (prepared.TryGetValue(sql, out var command))
                {
                    StoreCommands.Set(command, parameters);
                }
                else
                {
                    command = prepared[sql] = StoreCommands.Command(connection, transaction, sql, parameters);
                }

                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            foreach (var command in prepared.Values)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    public override Task<IReadOnlyList<PendingAlert>> GetDueAlertsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<PendingAlert>>(async connection => await StoreCommands.QueryAsync(connection, null,
            $"""
            SELECT {StoreRows.AlertColumns}
            FROM outbox o JOIN incidents i ON i.id = o.incident JOIN targets t ON t.id = i.target
            WHERE o.sent IS NULL AND o.abandoned IS NULL AND o.next_attempt <= @now
            ORDER BY o.id LIMIT @limit
            """,
            StoreRows.ReadAlert, cancellationToken, ("@now", StoredValues.ToMs(now)), ("@limit", limit)).ConfigureAwait(false), cancellationToken);
}
