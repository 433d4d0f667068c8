using Microsoft.Data.Sqlite;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;

namespace Reach.Monitoring.Store;

/// <summary>Target state, incidents and the outbox rows a state change queues.</summary>
public sealed partial class SqliteMonitorStore
{
    private const string StateColumns = "t.check_name, t.host, t.port, t.status, t.since, t.failures, t.successes, t.streak_start, t.last_probe, t.last_error, t.open_incident";

    public async Task<IReadOnlyDictionary<TargetKey, TargetState>> LoadStatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {StateColumns} FROM targets t WHERE t.active = 1");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<TargetKey, TargetState>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            states[ReadKey(reader, 0)] = ReadState(reader, 3);
        }

        return states;
    }

    public Task SyncTargetsAsync(IReadOnlyCollection<TargetKey> configured, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configured);
        return WriteAsync(durable: true, async (connection, transaction) =>
        {
            var wanted = configured.ToHashSet();
            var existing = new List<(long Id, TargetKey Key, bool Active)>();
            await using (var command = Command(connection, transaction, "SELECT id, check_name, host, port, active FROM targets"))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    existing.Add((reader.GetInt64(0), ReadKey(reader, 1), reader.GetInt64(4) == 1));
                }
            }

            foreach (var (id, key, active) in existing)
            {
                targetIds[key] = id;
                await TransitionLedger.ApplyConfigurationAsync(connection, transaction, id, active, wanted.Contains(key), now, cancellationToken).ConfigureAwait(false);
            }

            foreach (var key in wanted.Where(k => !targetIds.ContainsKey(k)))
            {
                await TargetIdAsync(connection, transaction, key, cancellationToken).ConfigureAwait(false);
            }

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
            var id = await TargetIdAsync(connection, transaction, target, cancellationToken).ConfigureAwait(false);
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
            await using var insert = Command(connection, transaction,
                "INSERT INTO results (target, at, verdict, latency_us, state, reason) VALUES ($t, $at, $v, $lat, $s, $r)",
                ("$t", 0L), ("$at", 0L), ("$v", 0), ("$lat", null), ("$s", string.Empty), ("$r", string.Empty));
            await using var latest = Command(connection, transaction,
                """
                UPDATE targets SET failures = $f, successes = $s, streak_start = $streak, last_probe = $at, last_error = $err,
                    last_state = $state, last_reason = $reason, last_latency_us = $lat, last_address = $addr
                WHERE id = $t
                """,
                ("$f", 0), ("$s", 0), ("$streak", null), ("$at", 0L), ("$err", null), ("$state", null), ("$reason", null), ("$lat", null), ("$addr", null), ("$t", 0L));
            await using var incidentError = Command(connection, transaction,
                "UPDATE incidents SET last_error = $err WHERE id = $id AND ended IS NULL", ("$err", null), ("$id", 0L));
            foreach (var record in records)
            {
                var id = await TargetIdAsync(connection, transaction, record.Target, cancellationToken).ConfigureAwait(false);
                var outcome = record.Outcome;
                var latency = outcome.Latency is { } l ? (long)(l.Ticks / 10) : (long?)null;
                Set(insert, ("$t", id), ("$at", ToMs(outcome.At)), ("$v", VerdictCode(outcome.Verdict)), ("$lat", latency), ("$s", outcome.State), ("$r", outcome.Reason));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

                var state = record.State;
                Set(latest, ("$f", state.ConsecutiveFailures), ("$s", state.ConsecutiveSuccesses), ("$streak", ToMs(state.StreakStart)), ("$at", ToMs(outcome.At)),
                    ("$err", state.LastError), ("$state", outcome.State), ("$reason", outcome.Reason), ("$lat", latency), ("$addr", outcome.Address?.ToString()), ("$t", id));
                await latest.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);

                if (state.OpenIncidentId is { } incident && outcome.Verdict == ProbeVerdict.Failure)
                {
                    Set(incidentError, ("$err", state.LastError), ("$id", incident));
                    await incidentError.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return 0;
        }, cancellationToken);
    }

    private static void Set(SqliteCommand command, params (string Name, object? Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            command.Parameters[name].Value = value ?? DBNull.Value;
        }
    }

    internal static int VerdictCode(ProbeVerdict verdict) => verdict switch
    {
        ProbeVerdict.Success => 1,
        ProbeVerdict.Failure => 0,
        _ => 2,
    };

    internal static TargetKey ReadKey(SqliteDataReader reader, int first) =>
        new(reader.GetString(first), reader.GetString(first + 1), reader.GetInt32(first + 2));

    /// <summary>Reads status, since, failures, successes, streak_start, last_probe, last_error, open_incident.</summary>
    internal static TargetState ReadState(SqliteDataReader reader, int first) => new(
        (TargetStatus)reader.GetInt32(first),
        FromMs(reader, first + 1),
        reader.GetInt32(first + 2),
        reader.GetInt32(first + 3),
        FromMs(reader, first + 4),
        FromMs(reader, first + 5),
        Text(reader, first + 6),
        Long(reader, first + 7));
}
