using Npgsql;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;

namespace Reach.Monitoring.Store;

/// <summary>This agent's target states, incidents and the outbox rows a state change queues.</summary>
public sealed partial class PostgresMonitorStore
{
    private const string StateColumns = "t.check_name, t.host, t.port, t.status, t.since, t.failures, t.successes, t.streak_start, t.last_probe, t.last_error, t.open_incident";

    public async Task<IReadOnlyDictionary<TargetKey, TargetState>> LoadStatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"SELECT {StateColumns} FROM targets t WHERE t.active = 1 AND t.agent = @agent", ("agent", Agent));
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
        return WriteAsync(async (connection, transaction) =>
        {
            var wanted = configured.ToHashSet();
            var existing = new List<(long Id, TargetKey Key, bool Active)>();
            await using (var command = Command(connection, transaction, "SELECT id, check_name, host, port, active FROM targets WHERE agent = @agent", ("agent", Agent)))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    existing.Add((reader.GetInt64(0), ReadKey(reader, 1), reader.GetInt32(4) == 1));
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
        return WriteAsync(async (connection, transaction) =>
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

        return WriteAsync(async (connection, transaction) =>
        {
            // One round trip per batch of statements instead of three per record.
            await using var batch = new NpgsqlBatch(connection, transaction);
            foreach (var record in records)
            {
                var id = await TargetIdAsync(connection, transaction, record.Target, cancellationToken).ConfigureAwait(false);
                var outcome = record.Outcome;
                var latency = outcome.Latency is { } l ? (long)(l.Ticks / 10) : (long?)null;
                Add(batch, "INSERT INTO results (target, at, verdict, latency_us, state, reason) VALUES ($1, $2, $3, $4, $5, $6)",
                    id, ToMs(outcome.At), VerdictCode(outcome.Verdict), latency, outcome.State, outcome.Reason);

                var state = record.State;
                Add(batch,
                    """
                    UPDATE targets SET failures = $1, successes = $2, streak_start = $3, last_probe = $4, last_error = $5,
                        last_state = $6, last_reason = $7, last_latency_us = $8, last_address = $9
                    WHERE id = $10
                    """,
                    state.ConsecutiveFailures, state.ConsecutiveSuccesses, ToMs(state.StreakStart), ToMs(outcome.At), state.LastError,
                    outcome.State, outcome.Reason, latency, outcome.Address?.ToString(), id);

                if (state.OpenIncidentId is { } incident && outcome.Verdict == ProbeVerdict.Failure)
                {
                    Add(batch, "UPDATE incidents SET last_error = $1 WHERE id = $2 AND ended IS NULL", state.LastError, incident);
                }
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken);
    }

    /// <summary>Adds a statement with positional parameters (<c>$1</c>, <c>$2</c>, …) to <paramref name="batch"/>.</summary>
    private static void Add(NpgsqlBatch batch, string sql, params object?[] values)
    {
#pragma warning disable CA2100 // Every statement is a constant of this assembly; values go through parameters.
        var command = new NpgsqlBatchCommand(sql);
#pragma warning restore CA2100
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        batch.BatchCommands.Add(command);
    }

    internal static int VerdictCode(ProbeVerdict verdict) => SqliteMonitorStore.VerdictCode(verdict);

    internal static TargetKey ReadKey(NpgsqlDataReader reader, int first) =>
        new(reader.GetString(first), reader.GetString(first + 1), reader.GetInt32(first + 2));

    /// <summary>Reads status, since, failures, successes, streak_start, last_probe, last_error, open_incident.</summary>
    internal static TargetState ReadState(NpgsqlDataReader reader, int first) => new(
        (TargetStatus)reader.GetInt32(first),
        FromMs(reader, first + 1),
        reader.GetInt32(first + 2),
        reader.GetInt32(first + 3),
        FromMs(reader, first + 4),
        FromMs(reader, first + 5),
        Text(reader, first + 6),
        Long(reader, first + 7));
}
