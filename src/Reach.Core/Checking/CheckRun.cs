namespace Reach.Checking;

/// <summary>Every target's report, in the order the targets were given, and how long it all took.</summary>
public sealed record CheckRun(IReadOnlyList<TargetReport> Reports, TimeSpan Duration)
{
    public bool AllReachable => Reports.All(r => r.Reachable);

    public CheckSummary Summary => CheckSummary.Of(Reports);
}
