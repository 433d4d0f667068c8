using System.Net;
using System.Net.Sockets;
using Reach.Probes;

namespace Reach.Tracing;

/// <summary>Turns what the kernel reported for a TTL-limited probe (an errno, an ICMP error from the queue) into a hop answer.</summary>
public static class HopAnswerClassifier
{
    /// <summary>An ICMP error about our probe: time exceeded (a router on the way) or unreachable (the path ends).</summary>
    public static HopProbeResult FromIcmpError(int ttl, IcmpError icmp, TimeSpan roundTrip)
    {
        ArgumentNullException.ThrowIfNull(icmp);
        if (icmp.IsTimeExceeded)
        {
            return new HopProbeResult(ttl, HopAnswer.TimeExceeded, icmp.Reporter, roundTrip);
        }

        // Unreachable, or a kind nmap does not name (parameter problem, ...): either way the packet went no further.
        return new HopProbeResult(ttl, HopAnswer.Unreachable, icmp.Reporter, roundTrip, icmp.ToReason() ?? ProbeReason.HostUnreach);
    }

    /// <summary>
    /// A failed TTL-limited connect. Linux aborts a connect in SYN_SENT on any ICMP error, time exceeded included
    /// (EHOSTUNREACH), and queues the ICMP message with the router's address; an RST is ECONNREFUSED without one.
    /// </summary>
    public static HopProbeResult FromConnectFailure(int ttl, IPAddress destination, SocketError error, IcmpError? icmp, TimeSpan roundTrip, string detail)
    {
        if (icmp is not null)
        {
            return FromIcmpError(ttl, icmp, roundTrip);
        }

        return error switch
        {
            SocketError.ConnectionRefused => new HopProbeResult(ttl, HopAnswer.Reset, destination, roundTrip, ProbeReason.ConnRefused),
            SocketError.TimedOut => HopProbeResult.NoAnswer(ttl),

            // No ICMP message: the kernel refused before sending (no route, a local firewall, no sockets left).
            _ => HopProbeResult.Local(ttl, detail),
        };
    }
}
