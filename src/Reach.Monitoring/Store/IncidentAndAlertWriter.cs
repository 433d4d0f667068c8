using System.Data.Common;
using Reach.Monitoring.State;
using static Reach.Monitoring.Store.StoreCommands;
using static Reach.Monitoring.Store.StoredValues;

namespace Reach.Monitoring.Store;

/// <summary>
/// Writes incidents and queues their alerts, the same for every store, inside the caller's transaction: a state
/// change opens or closes the incident, saves the target's new state and queues one outbox row per alert channel, so
/// a crash keeps all of it or none; a repeat queues the alerts of an incident still open; a configuration change
/// retires a stored target (ending its incident without an alert) or brings it back. Plain ADO.NET with
/// <c>@</c>-named parameters and standard SQL, which SQLite and PostgreSQL both read.
/// </summary>
internal static class IncidentAndAlertWriter
{
    /// <summary>
    /// A stored target is retired when the configuration no longer has it (its history stays; an open incident ends
    /// without a recovery alert, since nobody fixed it) and active again when the configuration brings it back.
    /// </summary>
    public static async Task ApplyConfigurationAsync(
        DbConnection connection,
        DbTransaction transaction,
        long targetId,
        bool active,
        bool wanted,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (!wanted && active)
        {
            await ExecuteAsync(connection, transaction,
                "UPDATE incidents SET ended = @now, end_note = 'removed from the configuration' WHERE target = @id AND ended IS NULL",
                cancellationToken, ("@now", ToMs(now)), ("@id", targetId)).ConfigureAwait(false);
            await ExecuteAsync(connection, transaction,
                "UPDATE targets SET active = 0, status = 0, since = NULL, failures = 0, successes = 0, streak_start = NULL, open_incident = NULL WHERE id = @id",
                cancellationToken, ("@id", targetId)).ConfigureAwait(false);
        }
        else if (wanted && !active)
        {
            await ExecuteAsync(connection, transaction, "UPDATE targets SET active = 1 WHERE id = @id", cancellationToken, ("@id", targetId)).ConfigureAwait(false);
        }
    }

    /// <summary>The incident opened (WentDown) or closed (Recovered), the new state, and the alerts of either; returns the state as saved.</summary>
    public static async Task<TargetState> WriteStateChangeAsync(
        DbConnection connection,
        DbTransaction transaction,
        long targetId,
        StateTransition transition,
        IReadOnlyList<string> channels,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var at = ToMs(now);
        var state = transition.Current;
        long? incident = null;
        AlertKind? kind = null;
        if (transition.Kind == TransitionKind.WentDown)
        {
            // A stale open incident (a crash between two commits cannot leave one, but be safe) is closed first.
            await ExecuteAsync(connection, transaction,
                "UPDATE incidents SET ended = @now, end_note = 'superseded' WHERE target = @id AND ended IS NULL AND kind = 0",
                cancellationToken, ("@now", at), ("@id", targetId)).ConfigureAwait(false);
            incident = Convert.ToInt64(await ScalarAsync(connection, transaction,
                "INSERT INTO incidents (target, started, reason, last_error, last_alert) VALUES (@id, @start, @reason, @reason, @now) RETURNING id",
                cancellationToken, ("@id", targetId), ("@start", ToMs(state.Since) ?? at), ("@reason", state.LastError ?? "down"), ("@now", at)).ConfigureAwait(false),
                System.Globalization.CultureInfo.InvariantCulture);
            state = state with { OpenIncidentId = incident };
            kind = AlertKind.Down;
        }
        else if (transition.Kind == TransitionKind.Recovered)
        {
            incident = transition.Previous.OpenIncidentId ?? await ScalarAsync(connection, transaction,
                "SELECT id FROM incidents WHERE target = @id AND ended IS NULL AND kind = 0 ORDER BY id DESC LIMIT 1",
                cancellationToken, ("@id", targetId)).ConfigureAwait(false) as long?;
            if (incident is not null)
            {
                await ExecuteAsync(connection, transaction,
                    "UPDATE incidents SET ended = @end, last_error = COALESCE(CAST(@error AS TEXT), last_error) WHERE id = @incident",
                    cancellationToken, ("@end", ToMs(state.Since) ?? at), ("@error", transition.Previous.LastError), ("@incident", incident)).ConfigureAwait(false);
                kind = AlertKind.Recovered;
            }
        }

        await ExecuteAsync(connection, transaction,
            """
            UPDATE targets SET status = @status, since = @since, failures = @f, successes = @s, streak_start = @streak,
                last_probe = @probe, last_error = @err, open_incident = @incident
            WHERE id = @id
            """,
            cancellationToken,
            ("@status", (int)state.Status), ("@since", ToMs(state.Since)), ("@f", state.ConsecutiveFailures), ("@s", state.ConsecutiveSuccesses),
            ("@streak", ToMs(state.StreakStart)), ("@probe", ToMs(state.LastProbeAt)), ("@err", state.LastError), ("@incident", state.OpenIncidentId), ("@id", targetId)).ConfigureAwait(false);

        if (kind is { } alertKind && incident is { } incidentId)
        {
            await QueueAlertsAsync(connection, transaction, incidentId, alertKind, channels, now, cancellationToken).ConfigureAwait(false);
        }

        return state;
    }

    /// <summary>The repeat of a still-open incident: one outbox row per channel, and the time of this alert.</summary>
    public static async Task QueueRepeatAsync(
        DbConnection connection,
        DbTransaction transaction,
        long incidentId,
        IReadOnlyList<string> channels,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await QueueAlertsAsync(connection, transaction, incidentId, AlertKind.Repeat, channels, now, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "UPDATE incidents SET last_alert = @now WHERE id = @id",
            cancellationToken, ("@now", ToMs(now)), ("@id", incidentId)).ConfigureAwait(false);
    }

    internal static async Task QueueAlertsAsync(
        DbConnection connection,
        DbTransaction transaction,
        long incidentId,
        AlertKind kind,
        IReadOnlyList<string> channels,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        foreach (var channel in channels)
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO outbox (channel, kind, incident, created, next_attempt) VALUES (@channel, @kind, @incident, @now, @now)",
                cancellationToken, ("@channel", channel), ("@kind", (int)kind), ("@incident", incidentId), ("@now", ToMs(now))).ConfigureAwait(false);
        }
    }
}
