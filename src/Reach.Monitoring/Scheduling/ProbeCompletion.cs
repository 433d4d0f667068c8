using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;

namespace Reach.Monitoring.Scheduling;

/// <summary>A finished probe, as the scheduler hands it on: the target, its outcome, and how late it started.</summary>
internal sealed record ProbeCompletion(MonitoredTarget Target, ProbeOutcome Outcome, DateTimeOffset Planned, TimeSpan Lag);
