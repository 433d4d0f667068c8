using System.Net;
using Reach.Probes;

namespace Reach.Pinging;

/// <summary>One probe of <c>reach ping</c>, TCP connect or ICMP echo.</summary>
/// <param name="Sequence">1 for the first probe, counting up.</param>
/// <param name="Timestamp">When the probe started (wall clock, from the injected <see cref="TimeProvider"/>).</param>
/// <param name="Address">The address probed; null when the name did not resolve for this probe.</param>
/// <param name="Succeeded">True for an open port (TCP) or an echo reply (ICMP).</param>
/// <param name="RoundTrip">Time from the SYN (or echo request) to the answer; null when nothing answered.</param>
/// <param name="State">
/// TCP: <c>open</c>, <c>closed</c>, <c>filtered</c>, <c>error</c>; ICMP: <c>reply</c>, <c>no-reply</c>,
/// <c>unreachable</c>, <c>unavailable</c>; either: <c>unresolved</c>.
/// </param>
/// <param name="Reason">TCP: why, in nmap's words (<c>syn-ack</c>, <c>conn-refused</c>, <c>no-response</c>...); ICMP: what
/// came back instead of the reply (<c>ttl-exceeded</c>, <c>host-unreach</c>...).</param>
/// <param name="Detail">The OS's or resolver's message, for humans.</param>
/// <param name="PreviousAddress">With re-resolution: the address of the probe before, when this one differs.</param>
public sealed record PingResult(
    int Sequence,
    DateTimeOffset Timestamp,
    IPAddress? Address,
    bool Succeeded,
    TimeSpan? RoundTrip,
    PingState State,
    ProbeReason? Reason = null,
    string? Detail = null,
    IPAddress? PreviousAddress = null);
