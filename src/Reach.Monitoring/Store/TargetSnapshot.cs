using Reach.Monitoring.Expansion;
using Reach.Monitoring.State;

namespace Reach.Monitoring.Store;

/// <summary>The latest known state of a target, for the status page, /api and reports.</summary>
/// <param name="Target">Which target.</param>
/// <param name="State">Status, since when, counters, last error, open incident.</param>
/// <param name="LastState">The last probe's state word (<c>open</c>, <c>closed</c>, …).</param>
/// <param name="LastReason">The last probe's reason word (<c>syn-ack</c>, …).</param>
/// <param name="LastLatency">The last probe's round trip.</param>
/// <param name="LastAddress">The address last probed (a name's current address).</param>
/// <param name="Active">False for targets no longer in the configuration (kept for their history).</param>
public sealed record TargetSnapshot(
    TargetKey Target,
    TargetState State,
    string? LastState,
    string? LastReason,
    TimeSpan? LastLatency,
    string? LastAddress,
    bool Active);
