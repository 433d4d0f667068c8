using System.Net;

namespace Reach.Probes;

/// <summary>An ICMP (or ICMPv6) error the kernel queued for a socket, as read from its error queue.</summary>
/// <param name="IsIpv6">True for ICMPv6 type/code numbering.</param>
/// <param name="Type">ICMP type (3 = destination unreachable; ICMPv6: 1).</param>
/// <param name="Code">ICMP code.</param>
/// <param name="Reporter">The address that sent the ICMP error, when known.</param>
public sealed record IcmpError(bool IsIpv6, byte Type, byte Code, IPAddress? Reporter)
{
    /// <summary>Maps the ICMP type and code to nmap's reason, or null for a kind nmap does not name.</summary>
    public ProbeReason? ToReason() => IsIpv6 ? FromIcmpV6() : FromIcmpV4();

    /// <summary>A router dropped the packet because its TTL / hop limit ran out (ICMP 11, ICMPv6 3): what traceroute reads.</summary>
    public bool IsTimeExceeded => IsIpv6 ? Type == 3 : Type == 11;

    private ProbeReason? FromIcmpV4() => Type != 3 ? null : Code switch
    {
        0 or 6 or 11 => ProbeReason.NetUnreach,             // net unreachable, net unknown, net unreachable for TOS
        1 or 7 or 12 => ProbeReason.HostUnreach,            // host unreachable, host unknown, host unreachable for TOS
        3 => ProbeReason.PortUnreach,
        9 or 10 or 13 => ProbeReason.AdminProhibited,       // net/host administratively prohibited, communication prohibited
        _ => ProbeReason.HostUnreach,
    };

    private ProbeReason? FromIcmpV6() => Type != 1 ? null : Code switch
    {
        0 => ProbeReason.NetUnreach,                        // no route to destination
        1 or 5 or 6 => ProbeReason.AdminProhibited,         // administratively prohibited, source policy, reject route
        3 => ProbeReason.HostUnreach,                       // address unreachable
        4 => ProbeReason.PortUnreach,
        _ => ProbeReason.HostUnreach,
    };
}
