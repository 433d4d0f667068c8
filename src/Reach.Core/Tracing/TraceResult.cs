using System.Net;
using Reach.Targets;

namespace Reach.Tracing;

/// <summary>A finished trace: what was asked, every hop up to where it stopped, and the verdict.</summary>
/// <param name="Target">The target as the user wrote it.</param>
/// <param name="Address">The address traced to; null when the name did not resolve.</param>
/// <param name="Port">The TCP port (TCP mode), with its service name.</param>
/// <param name="Mode">icmp or tcp.</param>
/// <param name="Options">The settings used.</param>
/// <param name="Hops">Hop 1 onwards, up to the destination or the last TTL tried.</param>
/// <param name="Verdict">How it ended.</param>
public sealed record TraceResult(
    TargetSpec Target,
    IPAddress? Address,
    PortSpec? Port,
    TraceMode Mode,
    TraceOptions Options,
    IReadOnlyList<TraceHop> Hops,
    TraceVerdict Verdict)
{
    /// <summary>The probes got to the destination: it answered (echo reply, SYN-ACK, RST, or an ICMP error of its own).</summary>
    public bool Reached => Hops.Count > 0 && Hops[^1].Terminal is { } end
        && (end.Answer is HopAnswer.EchoReply or HopAnswer.SynAck or HopAnswer.Reset
            || (end.Answer == HopAnswer.Unreachable && end.From is not null && end.From.Equals(Address)));
}
