using Reach.Monitoring.Probing;
using Reach.Monitoring.State;
using Reach.Probes;

namespace Reach.Monitoring.Tests.State;

public class TargetStateMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Thresholds TwoDownOneUp = new(DownAfter: 2, UpAfter: 1);

    [Fact]
    public void ProbeFailed_BelowThreshold_StaysUnknown()
    {
        var result = TargetStateMachine.Apply(TargetState.Initial, Fail(0), TwoDownOneUp);

        Assert.Equal(TransitionKind.None, result.Kind);
        Assert.Equal(TargetHealth.Unknown, result.Current.Status);
        Assert.Equal(1, result.Current.ConsecutiveFailures);
        Assert.Equal("closed (conn-refused): Connection refused", result.Current.LastError);
    }

    [Fact]
    public void ProbeFailed_ThresholdReached_TurnsDown()
    {
        var state = Run(TargetState.Initial, Ok(0), Fail(1));

        var result = TargetStateMachine.Apply(state, Fail(2), TwoDownOneUp);

        Assert.Equal(TransitionKind.WentDown, result.Kind);
        Assert.Equal(TargetHealth.Down, result.Current.Status);
        Assert.Equal(T0.AddSeconds(1), result.Current.Since); // the first failure of the streak, not the probe that decided
    }

    [Fact]
    public void ProbeFailed_FromUnknown_ThresholdReached_TurnsDown()
    {
        var result = TargetStateMachine.Apply(Run(TargetState.Initial, Fail(0)), Fail(1), TwoDownOneUp);

        Assert.Equal(TransitionKind.WentDown, result.Kind);
    }

    [Fact]
    public void ProbeFailed_AlreadyDown_NoNewTransition_LastErrorUpdated()
    {
        var down = Run(TargetState.Initial, Fail(0), Fail(1));

        var result = TargetStateMachine.Apply(down, Fail(2, ProbeState.Filtered, ProbeReason.NoResponse), TwoDownOneUp);

        Assert.Equal(TransitionKind.None, result.Kind);
        Assert.Equal(TargetHealth.Down, result.Current.Status);
        Assert.Equal(T0, result.Current.Since);
        Assert.StartsWith("filtered (no-response)", result.Current.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void ProbeSucceeded_FromUnknown_BecameUp_WithoutAlertKind()
    {
        var result = TargetStateMachine.Apply(TargetState.Initial, Ok(0), TwoDownOneUp);

        Assert.Equal(TransitionKind.BecameUp, result.Kind);
        Assert.Equal(TargetHealth.Up, result.Current.Status);
    }

    [Fact]
    public void ProbeSucceeded_AfterDown_ThresholdReached_Recovers_WithDuration()
    {
        var down = Run(TargetState.Initial, Ok(0), Fail(10), Fail(11)) with { OpenIncidentId = 7 };

        var result = TargetStateMachine.Apply(down, Ok(40), TwoDownOneUp);

        Assert.Equal(TransitionKind.Recovered, result.Kind);
        Assert.Equal(TargetHealth.Up, result.Current.Status);
        Assert.Null(result.Current.OpenIncidentId);
        Assert.Equal(7, result.Previous.OpenIncidentId);
        Assert.Equal(TimeSpan.FromSeconds(30), result.DownDuration);
    }

    [Fact]
    public void ProbeSucceeded_BelowUpThreshold_StaysDown()
    {
        var thresholds = new Thresholds(DownAfter: 1, UpAfter: 3);
        var down = Run(TargetState.Initial, thresholds, Fail(0));

        var state = Run(down, thresholds, Ok(1), Ok(2));

        Assert.Equal(TargetHealth.Down, state.Status);
        Assert.Equal(TransitionKind.Recovered, TargetStateMachine.Apply(state, Ok(3), thresholds).Kind);
    }

    [Fact]
    public void Flapping_BelowThresholds_NeverChangesStatus()
    {
        var thresholds = new Thresholds(DownAfter: 2, UpAfter: 2);
        var up = Run(TargetState.Initial, thresholds, Ok(0), Ok(1));
        var state = up;
        for (var i = 2; i < 40; i++)
        {
            var transition = TargetStateMachine.Apply(state, i % 2 == 0 ? Fail(i) : Ok(i), thresholds);
            Assert.Equal(TransitionKind.None, transition.Kind);
            state = transition.Current;
        }

        Assert.Equal(TargetHealth.Up, state.Status);
    }

    [Fact]
    public void InconclusiveProbe_CountsNeitherWay()
    {
        var oneFailure = Run(TargetState.Initial, Fail(0));
        var local = new ProbeOutcome(T0.AddSeconds(1), ProbeVerdict.Inconclusive, ProbeState.Error, ProbeReason.LocalError, null, null, "Too many open files");

        var result = TargetStateMachine.Apply(oneFailure, local, TwoDownOneUp);

        Assert.Equal(TransitionKind.None, result.Kind);
        Assert.Equal(1, result.Current.ConsecutiveFailures);
        Assert.Equal(T0.AddSeconds(1), result.Current.LastProbeAt);
        Assert.Equal(TransitionKind.WentDown, TargetStateMachine.Apply(result.Current, Fail(2), TwoDownOneUp).Kind);
    }

    private static TargetState Run(TargetState state, params ProbeOutcome[] outcomes) => Run(state, TwoDownOneUp, outcomes);

    private static TargetState Run(TargetState state, Thresholds thresholds, params ProbeOutcome[] outcomes) =>
        outcomes.Aggregate(state, (s, o) => TargetStateMachine.Apply(s, o, thresholds).Current);

    internal static ProbeOutcome Ok(int second) =>
        new(T0.AddSeconds(second), ProbeVerdict.Success, ProbeState.Open, ProbeReason.SynAck, TimeSpan.FromMilliseconds(1), System.Net.IPAddress.Loopback);

    internal static ProbeOutcome Fail(int second, ProbeState state = ProbeState.Closed, ProbeReason reason = ProbeReason.ConnRefused) =>
        new(T0.AddSeconds(second), ProbeVerdict.Failure, state, reason, null, System.Net.IPAddress.Loopback, "Connection refused");
}
