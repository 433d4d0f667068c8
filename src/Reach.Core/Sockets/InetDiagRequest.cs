using System.Runtime.InteropServices;
using static Reach.Sockets.InetDiagLayout;

namespace Reach.Sockets;

/// <summary>Builds the SOCK_DIAG_BY_FAMILY dump request (nlmsghdr + inet_diag_req_v2) for one family and protocol.</summary>
internal static class InetDiagRequest
{
    public const int Size = NlMsgHeaderSize + RequestSize;

    /// <summary>Every TCP state (bit N = state N); UDP sockets report CLOSE (unconnected) or ESTABLISHED.</summary>
    private const uint AllStates = uint.MaxValue;

    /// <summary>Writes the request into <paramref name="buffer"/> (at least <see cref="Size"/> bytes).</summary>
    public static void Write(Span<byte> buffer, byte family, byte protocol, uint sequence)
    {
        var request = buffer[..Size];
        request.Clear();
        WriteUInt32(request, Size);
        WriteUInt16(request[4..], SockDiagByFamily);
        WriteUInt16(request[6..], NlmFRequest | NlmFDump);
        WriteUInt32(request[8..], sequence);

        // No idiag_ext bits: INET_DIAG_SKV6ONLY comes unasked with every IPv6 listener and bound UDP socket.
        var body = request[NlMsgHeaderSize..];
        body[0] = family;
        body[1] = protocol;
        WriteUInt32(body[4..], AllStates);
    }

    // Netlink headers are in the host's byte order.
    private static void WriteUInt16(Span<byte> bytes, ushort value) => MemoryMarshal.Write(bytes, in value);

    private static void WriteUInt32(Span<byte> bytes, uint value) => MemoryMarshal.Write(bytes, in value);
}
