using System.Net;
using Reach.Probes;

namespace Reach.Tracing;

/// <summary>The answer to one probe. Silence and ICMP errors are results, not exceptions.</summary>
/// <param name="Ttl">The TTL / hop limit the probe was sent with.</param>
/// <param name="Answer">What came back.</param>
/// <param name="From">Who answered: the router, the destination; null when nobody did.</param>
/// <param name="RoundTrip">From sending to the answer; null when nothing answered.</param>
/// <param name="Reason">For <see cref="HopAnswer.Unreachable"/>: the kind, in nmap's words.</param>
/// <param name="Detail">For <see cref="HopAnswer.LocalError"/>: the OS's message.</param>
public sealed record HopProbeResult(
    int Ttl,
    HopAnswer Answer,
    IPAddress? From,
    TimeSpan? RoundTrip,
    ProbeReason? Reason = null,
    string? Detail = null)
{
    /// <summary>True when this answer ends the trace: the destination answered, an unreachable came, or nothing can be sent.</summary>
    public bool IsTerminal => Answer is HopAnswer.EchoReply or HopAnswer.SynAck or HopAnswer.Reset or HopAnswer.Unreachable or HopAnswer.LocalError;

    public static HopProbeResult NoAnswer(int ttl) => new(ttl, HopAnswer.NoAnswer, null, null);

    public static HopProbeResult Local(int ttl, string detail) => new(ttl, HopAnswer.LocalError, null, null, ProbeReason.LocalError, detail);
}
