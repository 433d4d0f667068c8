using Reach.Monitoring.Probing;

namespace Reach.Monitoring.State;

/// <summary>
/// UP / DOWN / UNKNOWN with flap damping: <c>down_after</c> failures in a row make a target DOWN, <c>up_after</c>
/// successes in a row make it UP. Pure: no clock, no I/O, so every threshold is a unit test.
/// </summary>
/// <remarks>
/// A DOWN state is dated from the first failure of the streak that caused it, and a recovery from the first
/// success: the incident then covers the whole outage, not the damping delay.
/// </remarks>
internal static class TargetStateMachine
{
    public static StateTransition Apply(TargetState state, ProbeOutcome outcome, Thresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Verdict switch
        {
            ProbeVerdict.Success => Succeeded(state, outcome, thresholds),
            ProbeVerdict.Failure => Failed(state, outcome, thresholds),
            _ => new StateTransition(state, state with { LastProbeAt = outcome.At }, TransitionKind.None),
        };
    }

    private static StateTransition Succeeded(TargetState state, ProbeOutcome outcome, Thresholds thresholds)
    {
        var streakStart = state.ConsecutiveSuccesses == 0 ? outcome.At : state.StreakStart ?? outcome.At;
        var next = state with
        {
            ConsecutiveSuccesses = SaturatingIncrement(state.ConsecutiveSuccesses),
            ConsecutiveFailures = 0,
            StreakStart = streakStart,
            LastProbeAt = outcome.At,
        };
        if (state.Status == TargetHealth.Up || next.ConsecutiveSuccesses < thresholds.UpAfter)
        {
            return new StateTransition(state, next, TransitionKind.None);
        }

        var kind = state.Status == TargetHealth.Down ? TransitionKind.Recovered : TransitionKind.BecameUp;
        return new StateTransition(state, next with { Status = TargetHealth.Up, Since = streakStart, OpenIncidentId = null }, kind);
    }

    private static StateTransition Failed(TargetState state, ProbeOutcome outcome, Thresholds thresholds)
    {
        var streakStart = state.ConsecutiveFailures == 0 ? outcome.At : state.StreakStart ?? outcome.At;
        var next = state with
        {
            ConsecutiveFailures = SaturatingIncrement(state.ConsecutiveFailures),
            ConsecutiveSuccesses = 0,
            StreakStart = streakStart,
            LastProbeAt = outcome.At,
            LastError = outcome.Describe(),
        };
        if (state.Status == TargetHealth.Down || next.ConsecutiveFailures < thresholds.DownAfter)
        {
            return new StateTransition(state, next, TransitionKind.None);
        }

        return new StateTransition(state, next with { Status = TargetHealth.Down, Since = streakStart }, TransitionKind.WentDown);
    }

    private static int SaturatingIncrement(int value) => value == int.MaxValue ? value : value + 1;
}
