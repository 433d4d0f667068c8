namespace Reach.Waiting;

/// <summary>How a <c>reach wait</c> ended: <see cref="Succeeded"/> when the wanted targets got there in time.</summary>
public sealed record WaitResult(IReadOnlyList<WaitTargetStatus> Targets, bool Succeeded, TimeSpan Elapsed)
{
    /// <summary>The targets not in the wanted state at the end.</summary>
    public IEnumerable<WaitTargetStatus> NotDone => Targets.Where(t => !t.Done);
}
