using System.Net;

namespace Reach.Probes;

/// <summary>The outcome of one TCP connect probe. Refusals, ICMP errors and timeouts are results, not exceptions.</summary>
/// <param name="Remote">The address and port probed.</param>
/// <param name="State">open, closed, filtered, or error for a local failure.</param>
/// <param name="Reason">Why, in nmap's words.</param>
/// <param name="RoundTrip">Time from the SYN to the answer; null when nothing answered.</param>
/// <param name="Source">The local endpoint the OS used, when it had chosen one.</param>
/// <param name="Reporter">Who sent the ICMP error, when one came (a router or the host itself).</param>
/// <param name="Detail">The OS's own message for errors, for humans.</param>
public sealed record TcpProbeResult(
    IPEndPoint Remote,
    PortState State,
    ProbeReason Reason,
    TimeSpan? RoundTrip,
    IPEndPoint? Source,
    IPAddress? Reporter = null,
    string? Detail = null);
