using Reach.Probes;

namespace Reach.Pinging;

/// <summary>What one probe found, before the runner numbers and timestamps it (see <see cref="PingResult"/>).</summary>
public sealed record PingProbeOutcome(bool Succeeded, TimeSpan? RoundTrip, PingState State, ProbeReason? Reason = null, string? Detail = null);
