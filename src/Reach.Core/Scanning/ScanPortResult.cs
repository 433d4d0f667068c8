using Reach.Probes;

namespace Reach.Scanning;

/// <summary>The verdict on one probed port; the same states and reasons as <c>reach check</c>.</summary>
public sealed record ScanPortResult(ScanProbeTarget Target, PortState State, ProbeReason Reason, TimeSpan? RoundTrip, int Attempts);
