namespace Reach.Checking;

/// <summary>Counts over a run: how many targets answered, and how the others failed.</summary>
public sealed record CheckSummary(int Total, int Reachable, int Open, int Closed, int Filtered, int Unresolved, int Error, int TlsFailed = 0, int WrongService = 0, int HttpFailed = 0)
{
    public static CheckSummary Of(IReadOnlyCollection<TargetReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        int Count(params TargetStatus[] statuses) => reports.Count(r => statuses.Contains(r.Status));
        return new CheckSummary(
            reports.Count,
            reports.Count(r => r.Reachable),
            Count(TargetStatus.Open),
            Count(TargetStatus.Closed),
            Count(TargetStatus.Filtered, TargetStatus.NoReply),
            Count(TargetStatus.Unresolved, TargetStatus.NoAddress),
            Count(TargetStatus.Error, TargetStatus.Unavailable),
            Count(TargetStatus.TlsFailed),
            Count(TargetStatus.WrongService),
            Count(TargetStatus.HttpFailed));
    }
}
