using Reach.Monitoring.Expansion;

namespace Reach.Monitoring.Store;

/// <summary>Probe counts of one target over a period; uptime is successes over conclusive probes.</summary>
internal sealed record UptimeSummary(TargetKey Target, long Probes, long Successes, long Failures)
{
    /// <summary>0 to 1; null when no conclusive probe fell in the period.</summary>
    public double? Uptime => Successes + Failures == 0 ? null : (double)Successes / (Successes + Failures);
}
