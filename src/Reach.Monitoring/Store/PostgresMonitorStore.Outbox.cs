using Npgsql;

namespace Reach.Monitoring.Store;

/// <summary>The alert outbox: claiming due alerts, their attempts, and repeats while DOWN.</summary>
public sealed partial class PostgresMonitorStore
{
    private const string IncidentColumns = "i.id, i.started, i.ended, i.reason, i.last_error, i.end_note, t.check_name, t.host, t.port";

    /// <summary>
    /// Claims this agent's due alerts: locked rows are skipped (another dispatcher has them) and the claimed ones get
    /// their next attempt moved past <see cref="ClaimLease"/>, so no other dispatcher sees them until they are
    /// marked sent, retried or abandoned, or the lease runs out (the claiming dispatcher died).
    /// </summary>
    public Task<IReadOnlyList<PendingAlert>> GetDueAlertsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        WriteAsync<IReadOnlyList<PendingAlert>>(async (connection, transaction) =>
        {
            await using var command = Command(connection, transaction,
                $"""
                WITH due AS (
                    SELECT o.id FROM outbox o JOIN incidents i ON i.id = o.incident JOIN targets t ON t.id = i.target
                    WHERE o.sent IS NULL AND o.abandoned IS NULL AND o.next_attempt <= @now AND t.agent = @agent
                    ORDER BY o.id LIMIT @limit
                    FOR UPDATE OF o SKIP LOCKED)
                UPDATE outbox o SET next_attempt = @lease
                FROM due, incidents i, targets t
                WHERE o.id = due.id AND i.id = o.incident AND t.id = i.target
                RETURNING o.id, o.channel, o.kind, o.created, o.attempts, {IncidentColumns}
                """,
                ("now", ToMs(now)), ("agent", Agent), ("limit", limit), ("lease", ToMs(now + ClaimLease)));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var alerts = new List<PendingAlert>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                alerts.Add(new PendingAlert(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    (AlertKind)reader.GetInt32(2),
                    ReadIncident(reader, 5),
                    FromMs(reader.GetInt64(3)),
                    reader.GetInt32(4)));
            }

            alerts.Sort((a, b) => a.Id.CompareTo(b.Id));
            return alerts;
        }, cancellationToken);

    public Task MarkAlertSentAsync(long id, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => ExecuteAsync(connection, transaction,
            "UPDATE outbox SET sent = @at, attempts = attempts + 1 WHERE id = @id AND sent IS NULL", cancellationToken, ("at", ToMs(at)), ("id", id)), cancellationToken);

    public Task MarkAlertRetryAsync(long id, int attempts, DateTimeOffset nextAttempt, string failure, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => ExecuteAsync(connection, transaction,
            "UPDATE outbox SET attempts = @attempts, next_attempt = @next, last_error = @error WHERE id = @id", cancellationToken,
            ("attempts", attempts), ("next", ToMs(nextAttempt)), ("error", failure), ("id", id)), cancellationToken);

    public Task MarkAlertAbandonedAsync(long id, DateTimeOffset at, string failure, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => ExecuteAsync(connection, transaction,
            "UPDATE outbox SET abandoned = @at, last_error = @error WHERE id = @id", cancellationToken, ("at", ToMs(at)), ("error", failure), ("id", id)), cancellationToken);

    public Task<int> EnqueueDueRepeatsAsync(DateTimeOffset now, TimeSpan repeat, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channels);
        return WriteAsync(async (connection, transaction) =>
        {
            var due = new List<long>();
            // FOR UPDATE: two processes of one agent never queue the same repeat twice.
            await using (var command = Command(connection, transaction,
                """
                SELECT i.id FROM incidents i JOIN targets t ON t.id = i.target
                WHERE i.ended IS NULL AND t.active = 1 AND t.agent = @agent AND COALESCE(i.last_alert, i.started) <= @cutoff
                FOR UPDATE OF i SKIP LOCKED
                """,
                ("agent", Agent), ("cutoff", ToMs(now - repeat))))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    due.Add(reader.GetInt64(0));
                }
            }

            foreach (var incident in due)
            {
                await TransitionLedger.QueueRepeatAsync(connection, transaction, incident, channels, now, cancellationToken).ConfigureAwait(false);
            }

            return due.Count;
        }, cancellationToken);
    }

    /// <summary>Reads an incident from <see cref="IncidentColumns"/> starting at <paramref name="first"/>.</summary>
    internal static Incident ReadIncident(NpgsqlDataReader reader, int first) => new(
        reader.GetInt64(first),
        ReadKey(reader, first + 6),
        FromMs(reader.GetInt64(first + 1)),
        FromMs(reader, first + 2),
        reader.GetString(first + 3),
        Text(reader, first + 4),
        Text(reader, first + 5));
}
