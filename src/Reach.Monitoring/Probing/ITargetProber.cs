using Reach.Monitoring.Expansion;

namespace Reach.Monitoring.Probing;

/// <summary>Probes one target once. Refusals, timeouts and unresolvable names are outcomes, never exceptions.</summary>
internal interface ITargetProber
{
    Task<ProbeOutcome> ProbeAsync(MonitoredTarget target, DateTimeOffset startedAt, CancellationToken cancellationToken);
}
