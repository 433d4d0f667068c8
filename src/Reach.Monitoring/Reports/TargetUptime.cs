using Reach.Monitoring.Expansion;
using Reach.Monitoring.State;

namespace Reach.Monitoring.Reports;

/// <summary>One target over a report's period.</summary>
/// <param name="Target">Which target.</param>
/// <param name="StatusNow">Its state when the report was made (not at the period's end).</param>
/// <param name="Active">False for a target no longer in the configuration (reported for its history).</param>
/// <param name="Probes">Probes in the period, inconclusive ones included.</param>
/// <param name="Successes">Probes that reached it.</param>
/// <param name="Failures">Probes that did not.</param>
/// <param name="Down">Time spent DOWN within the period (incidents clipped to it; an open one runs until now).</param>
/// <param name="Incidents">Incidents that overlap the period.</param>
/// <param name="LastError">The target's last failure (kept after recovery), or null.</param>
internal sealed record TargetUptime(
    TargetKey Target,
    TargetHealth StatusNow,
    bool Active,
    long Probes,
    long Successes,
    long Failures,
    TimeSpan Down,
    int Incidents,
    string? LastError)
{
    /// <summary>0 to 1: successes over conclusive probes; null when no conclusive probe fell in the period.</summary>
    public double? Uptime => Successes + Failures == 0 ? null : (double)Successes / (Successes + Failures);

    /// <summary>DOWN now, or DOWN at some time in the period.</summary>
    public bool HadDowntime => StatusNow == TargetHealth.Down || Incidents > 0;
}
