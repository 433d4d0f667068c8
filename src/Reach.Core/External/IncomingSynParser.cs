using System.Buffers.Binary;

namespace Reach.External;

/// <summary>Reads the destination port of a TCP SYN (without ACK) from an IPv4 or IPv6 packet, network header first.</summary>
public static class IncomingSynParser
{
    private const byte Tcp = 6;
    private const byte SynFlag = 0x02;
    private const byte AckFlag = 0x10;

    /// <returns>True for a connection attempt: TCP with SYN set and ACK clear.</returns>
    public static bool TryGetSynPort(ReadOnlySpan<byte> packet, out int destinationPort)
    {
        destinationPort = 0;
        if (packet.Length < 1)
        {
            return false;
        }

        int tcpStart;
        switch (packet[0] >> 4)
        {
            case 4:
                var headerLength = (packet[0] & 0x0F) * 4;
                // A later fragment carries no TCP header.
                var fragmentOffset = packet.Length >= 8 ? BinaryPrimitives.ReadUInt16BigEndian(packet[6..]) & 0x1FFF : 1;
                if (headerLength < 20 || packet.Length < 20 || packet[9] != Tcp || fragmentOffset != 0)
                {
                    return false;
                }

                tcpStart = headerLength;
                break;
            case 6:
                // Extension headers before TCP are rare on a SYN; such packets are not counted.
                if (packet.Length < 40 || packet[6] != Tcp)
                {
                    return false;
                }

                tcpStart = 40;
                break;
            default:
                return false;
        }

        if (packet.Length < tcpStart + 14)
        {
            return false;
        }

        var flags = packet[tcpStart + 13];
        if ((flags & SynFlag) == 0 || (flags & AckFlag) != 0)
        {
            return false;
        }

        destinationPort = BinaryPrimitives.ReadUInt16BigEndian(packet[(tcpStart + 2)..]);
        return true;
    }
}
