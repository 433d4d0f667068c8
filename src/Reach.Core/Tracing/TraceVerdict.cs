using System.Net;
using Reach.Probes;

namespace Reach.Tracing;

/// <summary>The end of a trace in one sentence, with the hop it points at.</summary>
/// <param name="State">reached / not-reached (ICMP), open / closed / filtered (TCP), or error.</param>
/// <param name="Reason">Why.</param>
/// <param name="Hop">The hop the verdict is about: where the destination answered, or the last hop that answered.</param>
/// <param name="Address">That hop's address.</param>
/// <param name="Explanation">A plain-language sentence, e.g. "port 443 is filtered after hop 2 (10.0.12.2): nothing answered beyond it".</param>
public sealed record TraceVerdict(TraceState State, ProbeReason Reason, int? Hop, IPAddress? Address, string Explanation)
{
    /// <summary>The destination answered (ICMP echo reply), or the port is open (TCP).</summary>
    public bool Success => State is TraceState.Reached or TraceState.Open;
}
