using System.Net.Sockets;

namespace Reach.Probes;

/// <summary>Turns a failed connect (the OS error and any ICMP error read from the socket) into a state and a reason.</summary>
public static class ConnectErrorClassifier
{
    public static (PortState State, ProbeReason Reason) Classify(SocketError error, IcmpError? icmp)
    {
        // An ICMP error read from the socket says more than errno: Linux folds host-unreachable and
        // admin-prohibited into EHOSTUNREACH, turns ICMPv6 admin-prohibited into EACCES, and an ICMP
        // port-unreachable (a firewall's REJECT) into the same ECONNREFUSED as a real RST. nmap calls them all filtered.
        if (icmp?.ToReason() is { } icmpReason)
        {
            return (PortState.Filtered, icmpReason);
        }

        switch (error)
        {
            case SocketError.ConnectionRefused:
                return (PortState.Closed, ProbeReason.ConnRefused);
            case SocketError.ConnectionReset:
                // Only an established connection can be reset (an RST to the SYN is ECONNREFUSED): the handshake
                // completed, so the port is open; the service dropped us at once (TCP wrappers, an allow-list).
                return (PortState.Open, ProbeReason.SynAck);
            case SocketError.HostUnreachable:
                return (PortState.Filtered, ProbeReason.HostUnreach);
            case SocketError.NetworkUnreachable:
                return (PortState.Filtered, ProbeReason.NetUnreach);
            case SocketError.TimedOut:
                return (PortState.Filtered, ProbeReason.NoResponse);
            default:
                // EACCES/EPERM (a local firewall rule), EADDRNOTAVAIL, EMFILE, ENOBUFS, ENETDOWN...: this host
                // could not send the probe, which says nothing about the target.
                return (PortState.Error, ProbeReason.LocalError);
        }
    }
}
