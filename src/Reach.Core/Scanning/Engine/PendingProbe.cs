namespace Reach.Scanning.Engine;

/// <summary>A probe waiting to be sent.</summary>
/// <param name="Target">The host and port.</param>
/// <param name="Attempt">1 for the first attempt, 2 for the first retry...</param>
/// <param name="Timeout">The timeout a retry gets (doubled); null lets the scheduler pick one.</param>
/// <param name="IsDiscovery">A probe of an almost surely closed port, sent only to learn the host's round trip.</param>
/// <param name="LocalFailures">How often this host could not send it (a local failure, not an answer).</param>
internal readonly record struct PendingProbe(ScanProbeTarget Target, int Attempt, TimeSpan? Timeout, bool IsDiscovery = false, int LocalFailures = 0);
