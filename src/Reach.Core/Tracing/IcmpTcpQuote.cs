using System.Net;

namespace Reach.Tracing;

/// <summary>An ICMP error (time exceeded, unreachable) about a TCP segment, as a raw ICMP socket received it.</summary>
/// <param name="IsIpv6">ICMPv6 numbering.</param>
/// <param name="Type">The ICMP type of the error.</param>
/// <param name="Code">Its code.</param>
/// <param name="Destination">Where the quoted segment was going.</param>
/// <param name="SourcePort">The quoted segment's source port: tells which of our probes it was.</param>
/// <param name="DestinationPort">The quoted segment's destination port.</param>
internal readonly record struct IcmpTcpQuote(bool IsIpv6, byte Type, byte Code, IPAddress Destination, ushort SourcePort, ushort DestinationPort)
{
    /// <summary>
    /// Whether it quotes the SYN sent from <paramref name="sourcePort"/> to <paramref name="destination"/>:<paramref name="port"/>.
    /// Other programs' connections draw ICMP errors too, and every raw socket receives them all.
    /// </summary>
    public bool IsAbout(IPAddress destination, int port, int sourcePort)
    {
        ArgumentNullException.ThrowIfNull(destination);

        // A quoted address carries no IPv6 scope id: compare the bytes alone.
        Span<byte> wanted = stackalloc byte[16];
        Span<byte> quoted = stackalloc byte[16];
        return SourcePort == sourcePort && DestinationPort == port
            && destination.TryWriteBytes(wanted, out var wantedLength) && Destination.TryWriteBytes(quoted, out var quotedLength)
            && wanted[..wantedLength].SequenceEqual(quoted[..quotedLength]);
    }
}
