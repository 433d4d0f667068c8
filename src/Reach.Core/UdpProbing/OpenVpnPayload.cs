using System.Buffers.Binary;

namespace Reach.UdpProbing;

/// <summary>
/// OpenVPN over UDP: a P_CONTROL_HARD_RESET_CLIENT_V2 (opcode 7, key id 0) with our 8-byte session id, no acks and
/// packet id 0, as a client starts (OpenVPN's ssl_pkt.h / the protocol document). A server without tls-auth or
/// tls-crypt answers P_CONTROL_HARD_RESET_SERVER_V2 acknowledging packet 0 of our session; a server with them drops
/// the probe unanswered.
/// </summary>
public sealed class OpenVpnPayload : IUdpPayload
{
    private const int ClientResetV2 = 7;
    private const int ServerResetV2 = 8;
    private const int SessionIdLength = 8;
    private static readonly int[] DefaultPorts = [1194];

    public UdpProtocol Protocol => UdpProtocol.OpenVpn;

    public IReadOnlyList<int> Ports => DefaultPorts;

    public byte[] Build(UdpProbeContext context)
    {
        // opcode << 3 | key id, session id, ack count 0, message packet id 0
        var datagram = new byte[1 + SessionIdLength + 1 + 4];
        datagram[0] = ClientResetV2 << 3;
        WriteSessionId(context, datagram.AsSpan(1, SessionIdLength));
        return datagram;
    }

    public UdpAnswer Read(ReadOnlySpan<byte> datagram, UdpProbeContext context)
    {
        // opcode, server session id, ack count, acked packet ids, our session id (only when acks follow), packet id
        Span<byte> ours = stackalloc byte[SessionIdLength];
        WriteSessionId(context, ours);
        const int AckCountAt = 1 + SessionIdLength;
        if (datagram.Length > AckCountAt && datagram[0] >> 3 == ServerResetV2 && datagram[AckCountAt] > 0)
        {
            var remoteAt = AckCountAt + 1 + (4 * datagram[AckCountAt]);
            if (datagram.Length >= remoteAt + SessionIdLength + 4 && datagram.Slice(remoteAt, SessionIdLength).SequenceEqual(ours))
            {
                return new UdpAnswer(Protocol, true, "OpenVPN server (hard reset answered)");
            }
        }

        return new UdpAnswer(Protocol, false, $"{datagram.Length} bytes, not an OpenVPN answer");
    }

    private static void WriteSessionId(UdpProbeContext context, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(context);
        BinaryPrimitives.WriteUInt32BigEndian(destination, context.TransactionId);
        "rvpn"u8.CopyTo(destination[4..]);
    }
}
