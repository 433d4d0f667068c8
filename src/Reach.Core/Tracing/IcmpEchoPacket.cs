using System.Buffers.Binary;

namespace Reach.Tracing;

/// <summary>Builds ICMP / ICMPv6 echo requests (RFC 792, RFC 4443).</summary>
internal static class IcmpEchoPacket
{
    public const byte EchoRequestV4 = 8;
    public const byte EchoReplyV4 = 0;
    public const byte EchoRequestV6 = 128;
    public const byte EchoReplyV6 = 129;
    public const int HeaderSize = 8;
    public const int PayloadSize = 32;

    /// <summary>
    /// An echo request: type, code 0, checksum, identifier, sequence, 32 bytes of payload. The IPv4 checksum is
    /// computed here; ICMPv6's covers a pseudo-header only the kernel knows, and the kernel fills it in.
    /// </summary>
    public static byte[] Build(bool ipv6, ushort identifier, ushort sequence)
    {
        var packet = new byte[HeaderSize + PayloadSize];
        packet[0] = ipv6 ? EchoRequestV6 : EchoRequestV4;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(4), identifier);
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(6), sequence);
        for (var i = HeaderSize; i < packet.Length; i++)
        {
            packet[i] = (byte)('a' + ((i - HeaderSize) % 26));
        }

        if (!ipv6)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), Checksum(packet));
        }

        return packet;
    }

    /// <summary>The Internet checksum (RFC 1071): ones' complement of the ones' complement sum of 16-bit words.</summary>
    public static ushort Checksum(ReadOnlySpan<byte> data)
    {
        uint sum = 0;
        for (var i = 0; i + 1 < data.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(data[i..]);
        }

        if (data.Length % 2 == 1)
        {
            sum += (uint)data[^1] << 8;
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }
}
