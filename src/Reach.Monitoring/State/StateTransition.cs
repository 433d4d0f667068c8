namespace Reach.Monitoring.State;

/// <summary>The result of applying one probe outcome: the new state, and whether the status changed.</summary>
/// <param name="Previous">The state before the probe.</param>
/// <param name="Current">The state after it.</param>
/// <param name="Kind">The status change, if any.</param>
internal sealed record StateTransition(TargetState Previous, TargetState Current, TransitionKind Kind)
{
    public bool Changed => Kind != TransitionKind.None;

    /// <summary>For a recovery: how long the target was DOWN (from the first failure to the first success).</summary>
    public TimeSpan? DownDuration => Kind == TransitionKind.Recovered && Previous.Since is { } start && Current.Since is { } end
        ? end - start
        : null;
}
