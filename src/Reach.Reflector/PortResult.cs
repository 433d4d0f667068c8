using Reach.Probes;

namespace Reach.Reflector;

/// <summary>One probed port of the caller, as <c>POST /v1/check</c> answers it (nmap's words for state and reason).</summary>
internal sealed record PortResult(int Port, PortState State, ProbeReason Reason, double? RttMs, string Explanation);
