namespace Reach.Monitoring.Store;

/// <summary>
/// What the SQLite store does its own way: probe results through prepared commands reused across the batch (SQLite
/// has no batches), and due alerts by a plain query, since one dispatcher reads the file.
/// </summary>
public sealed partial class SqliteMonitorStore
{
    public override Task RecordAsync(IReadOnlyList<ProbeRecord> records, CancellationToken cancellationToken)
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
                var id = await Targets.IdAsync(connection, transaction, record.Target, cancellationToken).ConfigureAwait(false);
                foreach (var (sql, parameters) in ProbeLog.Statements(id, record))
                {
                    await commands.ExecuteAsync(sql, parameters, cancellationToken).ConfigureAwait(false);
                }
            }

            return 0;
        }, cancellationToken);
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
