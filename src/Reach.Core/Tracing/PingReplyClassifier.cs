using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Reach.Probes;

namespace Reach.Tracing;

/// <summary>
/// Turns what the platform ping API (<see cref="System.Net.NetworkInformation.Ping"/> with a TTL; IcmpSendEcho2 on
/// Windows) reported for one TTL-limited echo into a hop answer. Kept apart from the call so that it is tested on
/// every OS.
/// </summary>
internal static class PingReplyClassifier
{
    /// <param name="ttl">The TTL / hop limit the echo was sent with.</param>
    /// <param name="destination">The address traced to.</param>
    /// <param name="status">The reply's status.</param>
    /// <param name="from">The reply's address: the router for a time exceeded, the destination for an echo reply.</param>
    /// <param name="elapsed">Measured around the call: the API gives no round trip for anything but success.</param>
    public static HopProbeResult Classify(int ttl, IPAddress destination, IPStatus status, IPAddress? from, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var reporter = from is null || from.Equals(IPAddress.Any) || from.Equals(IPAddress.IPv6Any) ? null : from;
        return status switch
        {
            IPStatus.Success => new HopProbeResult(ttl, HopAnswer.EchoReply, reporter ?? destination, elapsed),

            // IPv4 reports TtlExpired (ICMP 11 code 0), IPv6 TimeExceeded (ICMPv6 3).
            IPStatus.TtlExpired or IPStatus.TimeExceeded => new HopProbeResult(ttl, HopAnswer.TimeExceeded, reporter, elapsed),
            IPStatus.TimedOut => HopProbeResult.NoAnswer(ttl),
            IPStatus.DestinationNetworkUnreachable => Unreachable(ttl, reporter, elapsed, ProbeReason.NetUnreach),
            IPStatus.DestinationPortUnreachable => Unreachable(ttl, reporter, elapsed, ProbeReason.PortUnreach),

            // The same value as DestinationProtocolUnreachable: IPv6 means administratively prohibited by it.
            IPStatus.DestinationProhibited when destination.AddressFamily == AddressFamily.InterNetworkV6 =>
                Unreachable(ttl, reporter, elapsed, ProbeReason.AdminProhibited),

            // Host unreachable, protocol unreachable, beyond scope, fragmentation needed, parameter problem: as
            // IcmpError does for kinds nmap does not name, the packet went no further.
            IPStatus.DestinationHostUnreachable or IPStatus.DestinationUnreachable or IPStatus.DestinationProtocolUnreachable
                or IPStatus.DestinationScopeMismatch or IPStatus.PacketTooBig or IPStatus.ParameterProblem
                or IPStatus.BadHeader or IPStatus.UnrecognizedNextHeader or IPStatus.SourceQuench or IPStatus.TtlReassemblyTimeExceeded or IPStatus.IcmpError =>
                Unreachable(ttl, reporter, elapsed, ProbeReason.HostUnreach),

            // No packet left this host, or nothing usable came back: says nothing about the path.
            IPStatus.BadRoute => HopProbeResult.Local(ttl, "no route to the destination from this host"),
            _ => HopProbeResult.Local(ttl, $"the ping API failed: {status}"),
        };
    }

    private static HopProbeResult Unreachable(int ttl, IPAddress? reporter, TimeSpan elapsed, ProbeReason reason) =>
        new(ttl, HopAnswer.Unreachable, reporter, elapsed, reason);
}
