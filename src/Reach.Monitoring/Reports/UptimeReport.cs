using Reach.Monitoring.Store;

namespace Reach.Monitoring.Reports;

/// <summary>What <c>reach report</c> prints: every target over [From, To) and the incidents that overlap it.</summary>
/// <param name="From">The period's start.</param>
/// <param name="To">The period's end (exclusive).</param>
/// <param name="Now">When the report was made: open incidents last until then.</param>
/// <param name="Targets">By check, host, port.</param>
/// <param name="Incidents">Newest first.</param>
internal sealed record UptimeReport(
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset Now,
    IReadOnlyList<TargetUptime> Targets,
    IReadOnlyList<Incident> Incidents)
{
    public bool AnyDowntime => Targets.Any(t => t.HadDowntime);
}
