using Reach.External;
using Reach.Probes;

namespace Reach.Reflector;

/// <summary>
/// One probed port of the caller, as the prober found it: the state and reason as members, which the metrics and the
/// log count by. <c>POST /v1/check</c> answers it as <see cref="ToWire"/>.
/// </summary>
internal sealed record PortResult(int Port, PortState State, ProbeReason Reason, double? RttMs, string Explanation)
{
    /// <summary>This result in the wire contract: nmap's words for state and reason.</summary>
    public ReflectorPortWire ToWire() => new(Port, State.ToWord(), Reason.ToWord(), RttMs, Explanation);
}
