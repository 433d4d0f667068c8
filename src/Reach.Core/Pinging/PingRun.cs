using Reach.Resolution;

namespace Reach.Pinging;

/// <summary>
/// The end of a <c>reach ping</c> run: its summary, or, when the name did not resolve at the start (without
/// re-resolution), that resolution and an empty summary.
/// </summary>
public sealed record PingRun(ResolutionResult Resolution, PingSummary Summary, bool Cancelled)
{
    public bool Unresolved => Summary.Sent == 0 && Resolution.Status == ResolutionStatus.Unresolved;
}
