using System.Buffers.Binary;
using System.Net;

namespace Reach.Tracing;

/// <summary>
/// Decodes what a raw ICMP socket receives into the probe it is about. A raw IPv4 socket hands over the whole IP
/// packet (Linux and Windows alike); a raw ICMPv6 socket only the ICMPv6 message. An error message (time exceeded,
/// unreachable) quotes the IP header and at least the first 8 bytes of the packet that caused it (RFC 792, RFC 4443):
/// our echo request with its identifier and sequence, or our TCP SYN with its ports.
/// </summary>
internal static class IcmpPacketDecoder
{
    private const byte ProtocolIcmp = 1;
    private const byte ProtocolTcp = 6;
    private const byte NextHeaderIcmpV6 = 58;
    private const int Ipv4MinHeaderSize = 20;
    private const int Ipv6HeaderSize = 40;
    private const int TcpPortsSize = 4;

    /// <summary>An echo reply, or an error quoting one of our echo requests.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> packet, bool ipv6, out IcmpMessage message)
    {
        message = default;
        if (!TryIcmp(packet, ipv6, out var icmp))
        {
            return false;
        }

        var type = icmp[0];
        var code = icmp[1];
        if (type == (ipv6 ? IcmpEchoPacket.EchoReplyV6 : IcmpEchoPacket.EchoReplyV4))
        {
            message = new IcmpMessage(ipv6, type, code, Read16(icmp, 4), Read16(icmp, 6));
            return true;
        }

        if (!IsError(type, ipv6)
            || !TryQuoted(icmp[IcmpEchoPacket.HeaderSize..], ipv6, ipv6 ? NextHeaderIcmpV6 : ProtocolIcmp, out _, out var quoted)
            || quoted.Length < IcmpEchoPacket.HeaderSize
            || quoted[0] != (ipv6 ? IcmpEchoPacket.EchoRequestV6 : IcmpEchoPacket.EchoRequestV4))
        {
            return false;
        }

        message = new IcmpMessage(ipv6, type, code, Read16(quoted, 4), Read16(quoted, 6));
        return true;
    }

    /// <summary>An error (time exceeded, unreachable) quoting a TCP segment: its destination and ports.</summary>
    public static bool TryDecodeTcpQuote(ReadOnlySpan<byte> packet, bool ipv6, out IcmpTcpQuote quote)
    {
        quote = default;
        if (!TryIcmp(packet, ipv6, out var icmp)
            || !IsError(icmp[0], ipv6)
            || !TryQuoted(icmp[IcmpEchoPacket.HeaderSize..], ipv6, ProtocolTcp, out var destination, out var tcp)
            || tcp.Length < TcpPortsSize)
        {
            return false;
        }

        quote = new IcmpTcpQuote(ipv6, icmp[0], icmp[1], new IPAddress(destination), Read16(tcp, 0), Read16(tcp, 2));
        return true;
    }

    /// <summary>Time exceeded or destination unreachable: the kinds that quote the packet they are about.</summary>
    private static bool IsError(byte type, bool ipv6) => ipv6 ? type is 1 or 3 : type is 3 or 11;

    /// <summary>The ICMP message itself: past the IPv4 header, and at least its 8-byte header long.</summary>
    private static bool TryIcmp(ReadOnlySpan<byte> packet, bool ipv6, out ReadOnlySpan<byte> icmp)
    {
        icmp = packet;
        if (!ipv6 && !TrySkipIpv4Header(packet, ProtocolIcmp, out _, out icmp))
        {
            return false;
        }

        return icmp.Length >= IcmpEchoPacket.HeaderSize;
    }

    /// <summary>The quoted packet's destination address and payload, when it carried <paramref name="protocol"/>.</summary>
    private static bool TryQuoted(ReadOnlySpan<byte> inner, bool ipv6, byte protocol, out ReadOnlySpan<byte> destination, out ReadOnlySpan<byte> payload)
    {
        if (!ipv6)
        {
            return TrySkipIpv4Header(inner, protocol, out destination, out payload);
        }

        destination = default;
        payload = default;

        // Our probes carry no extension headers: the payload follows the fixed header directly.
        if (inner.Length < Ipv6HeaderSize || inner[0] >> 4 != 6 || inner[6] != protocol)
        {
            return false;
        }

        destination = inner.Slice(24, 16);
        payload = inner[Ipv6HeaderSize..];
        return true;
    }

    private static bool TrySkipIpv4Header(ReadOnlySpan<byte> packet, byte protocol, out ReadOnlySpan<byte> destination, out ReadOnlySpan<byte> payload)
    {
        destination = default;
        payload = default;
        if (packet.Length < Ipv4MinHeaderSize || packet[0] >> 4 != 4)
        {
            return false;
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        if (headerLength < Ipv4MinHeaderSize || packet.Length < headerLength || packet[9] != protocol)
        {
            return false;
        }

        destination = packet.Slice(16, 4);
        payload = packet[headerLength..];
        return true;
    }

    private static ushort Read16(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
}
