using System.Buffers.Binary;

namespace Reach.Tracing;

/// <summary>
/// Decodes what a raw ICMP socket receives into the echo it is about. A raw IPv4 socket hands over the whole IP
/// packet; a raw ICMPv6 socket only the ICMPv6 message. An error message (time exceeded, unreachable) quotes the
/// IP header and first 8 bytes of the packet that caused it: our echo request, with its identifier and sequence.
/// </summary>
internal static class IcmpPacketDecoder
{
    private const byte ProtocolIcmp = 1;
    private const byte NextHeaderIcmpV6 = 58;
    private const int Ipv6HeaderSize = 40;

    public static bool TryDecode(ReadOnlySpan<byte> packet, bool ipv6, out IcmpMessage message)
    {
        message = default;
        var icmp = packet;
        if (!ipv6 && !TrySkipIpv4Header(packet, out icmp))
        {
            return false;
        }

        if (icmp.Length < IcmpEchoPacket.HeaderSize)
        {
            return false;
        }

        var type = icmp[0];
        var code = icmp[1];
        var isReply = type == (ipv6 ? IcmpEchoPacket.EchoReplyV6 : IcmpEchoPacket.EchoReplyV4);
        var isError = ipv6 ? type is 1 or 3 : type is 3 or 11;
        if (isReply)
        {
            message = new IcmpMessage(ipv6, type, code, Read16(icmp, 4), Read16(icmp, 6));
            return true;
        }

        if (!isError || !TryQuotedEcho(icmp[IcmpEchoPacket.HeaderSize..], ipv6, out var quoted))
        {
            return false;
        }

        message = new IcmpMessage(ipv6, type, code, Read16(quoted, 4), Read16(quoted, 6));
        return true;
    }

    /// <summary>The quoted packet's ICMP header, when it was an echo request.</summary>
    private static bool TryQuotedEcho(ReadOnlySpan<byte> inner, bool ipv6, out ReadOnlySpan<byte> quoted)
    {
        quoted = default;
        if (ipv6)
        {
            // Our requests carry no extension headers: ICMPv6 follows the fixed header directly.
            if (inner.Length < Ipv6HeaderSize + IcmpEchoPacket.HeaderSize || inner[0] >> 4 != 6 || inner[6] != NextHeaderIcmpV6)
            {
                return false;
            }

            quoted = inner[Ipv6HeaderSize..];
            return quoted[0] == IcmpEchoPacket.EchoRequestV6;
        }

        if (!TrySkipIpv4Header(inner, out quoted) || quoted.Length < IcmpEchoPacket.HeaderSize)
        {
            return false;
        }

        return quoted[0] == IcmpEchoPacket.EchoRequestV4;
    }

    private static bool TrySkipIpv4Header(ReadOnlySpan<byte> packet, out ReadOnlySpan<byte> payload)
    {
        payload = default;
        if (packet.Length < 20 || packet[0] >> 4 != 4)
        {
            return false;
        }

        var headerLength = (packet[0] & 0x0F) * 4;
        if (headerLength < 20 || packet.Length < headerLength || packet[9] != ProtocolIcmp)
        {
            return false;
        }

        payload = packet[headerLength..];
        return true;
    }

    private static ushort Read16(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);
}
