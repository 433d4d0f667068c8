using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;
using Reach.Probes;

namespace Reach.Monitoring.Store;

/// <summary>The latest known state of a target, for the status page, /api and reports.</summary>
/// <param name="Target">Which target.</param>
/// <param name="State">Status, since when, counters, last error, open incident.</param>
/// <param name="LastState">The last probe's state; null before the first probe (or for a stored word this version does not know).</param>
/// <param name="LastReason">The last probe's reason; null as <paramref name="LastState"/>.</param>
/// <param name="LastLatency">The last probe's round trip.</param>
/// <param name="LastAddress">The address last probed (a name's current address).</param>
/// <param name="Active">False for targets no longer in the configuration (kept for their history).</param>
/// <param name="Details">The last certificate or HTTP answer seen (kept while later probes see none).</param>
internal sealed record TargetSnapshot(
    TargetKey Target,
    TargetState State,
    ProbeState? LastState,
    ProbeReason? LastReason,
    TimeSpan? LastLatency,
    string? LastAddress,
    bool Active,
    ProbeDetails? Details = null);
