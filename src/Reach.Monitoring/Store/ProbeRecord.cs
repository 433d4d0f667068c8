using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;

namespace Reach.Monitoring.Store;

/// <summary>One probe result to keep, with the target's state after it (persisted together, in batches).</summary>
internal sealed record ProbeRecord(TargetKey Target, ProbeOutcome Outcome, TargetState State);
