namespace Reach.Waiting;

/// <summary>The state of a <c>reach wait</c> after each round of probes, for a live status line.</summary>
public sealed record WaitProgress(IReadOnlyList<WaitTargetStatus> Targets, int Round, TimeSpan Elapsed, TimeSpan Remaining);
