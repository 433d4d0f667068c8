using Reach.Monitoring.Probing;
using Reach.Probes;
using static Reach.Monitoring.Store.StoredValues;

namespace Reach.Monitoring.Store;

/// <summary>
/// The statements that keep one probe result: its history row, the target's latest state, and the open incident's
/// last error.
/// </summary>
internal static class ProbeLog
{
    private const string InsertResult =
        "INSERT INTO results (target, at, verdict, latency_us, state, reason) VALUES (@t, @at, @v, @lat, @s, @r)";

    private const string UpdateLatest =
        """
        UPDATE targets SET failures = @f, successes = @s, streak_start = @streak, last_probe = @at, last_error = @err,
            last_state = @state, last_reason = @reason, last_latency_us = @lat, last_address = @addr,
            last_detail = COALESCE(CAST(@detail AS TEXT), last_detail)
        WHERE id = @t
        """;

    private const string UpdateIncidentError = "UPDATE incidents SET last_error = @err WHERE id = @id AND ended IS NULL";

    public static IEnumerable<SqlStatement> Statements(long targetId, ProbeRecord record)
    {
        var outcome = record.Outcome;
        var state = record.State;
        var latency = ToMicroseconds(outcome.Latency);
        yield return new(InsertResult,
            [("@t", targetId), ("@at", ToMs(outcome.At)), ("@v", VerdictCode(outcome.Verdict)), ("@lat", latency), ("@s", outcome.State.ToWord()), ("@r", outcome.Reason.ToWord())]);
        yield return new(UpdateLatest,
            [("@f", state.ConsecutiveFailures), ("@s", state.ConsecutiveSuccesses), ("@streak", ToMs(state.StreakStart)), ("@at", ToMs(outcome.At)),
             ("@err", state.LastError), ("@state", outcome.State.ToWord()), ("@reason", outcome.Reason.ToWord()), ("@lat", latency), ("@addr", outcome.Address?.ToString()),
             ("@detail", DetailsJson.Write(outcome.Details)), ("@t", targetId)]);
        if (state.OpenIncidentId is { } incident && outcome.Verdict == ProbeVerdict.Failure)
        {
            yield return new(UpdateIncidentError, [("@err", state.LastError), ("@id", incident)]);
        }
    }
}
