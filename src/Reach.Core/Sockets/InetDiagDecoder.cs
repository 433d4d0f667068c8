using System.Buffers.Binary;
using System.Net;
using System.Runtime.InteropServices;
using static Reach.Sockets.InetDiagLayout;

namespace Reach.Sockets;

/// <summary>
/// Decodes the datagrams a NETLINK_SOCK_DIAG socket returns for an inet_diag dump into <see cref="SocketRow"/>s.
/// Pure byte decoding (tested on every OS): every length is checked against the buffer before it is read, and
/// anything malformed is a <see cref="SocketTableException"/> that says what was wrong and where.
/// </summary>
internal static class InetDiagDecoder
{
    /// <summary>Decodes one received datagram (one or more netlink messages) of the dump for one protocol.</summary>
    /// <param name="datagram">The bytes recv() returned.</param>
    /// <param name="protocol">The protocol the dump was asked for (inet_diag_msg does not repeat it).</param>
    /// <param name="sequence">The request's sequence number: messages of another request are skipped.</param>
    /// <param name="rows">Receives the decoded rows.</param>
    public static InetDiagBatch Decode(ReadOnlySpan<byte> datagram, SocketProtocol protocol, uint sequence, ICollection<SocketRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var offset = 0;
        while (offset < datagram.Length)
        {
            var rest = datagram[offset..];
            if (rest.Length < NlMsgHeaderSize)
            {
                throw Malformed(offset, $"{rest.Length} bytes left, too few for a netlink header ({NlMsgHeaderSize})");
            }

            var length = ReadUInt32(rest);
            if (length < NlMsgHeaderSize || length > (uint)rest.Length)
            {
                throw Malformed(offset, $"netlink message length {length} does not fit the {rest.Length} bytes left");
            }

            var message = rest[..(int)length];
            var type = ReadUInt16(message[4..]);
            var messageSequence = ReadUInt32(message[8..]);
            var payload = message[NlMsgHeaderSize..];
            var at = offset;
            offset += Math.Min(Align((int)length), rest.Length);

            if (messageSequence != sequence || type == NlMsgNoop)
            {
                continue; // an answer to an earlier request, or padding
            }

            switch (type)
            {
                case SockDiagByFamily:
                    rows.Add(DecodeSocket(payload, protocol, at));
                    break;
                case NlMsgDone:
                    // A dump's DONE carries an int: 0, or the negative errno that cut the dump short.
                    return new InetDiagBatch(true, payload.Length >= 4 ? -ReadInt32(payload) : 0);
                case NlMsgError:
                    // struct nlmsgerr { int error; struct nlmsghdr msg; }: 0 is an ACK.
                    if (payload.Length < 4)
                    {
                        throw Malformed(at, "NLMSG_ERROR without its error code");
                    }

                    return new InetDiagBatch(true, -ReadInt32(payload));
                case NlMsgOverrun:
                    throw new SocketTableException("netlink sock_diag: the kernel reported NLMSG_OVERRUN (data lost)");
                default:
                    throw Malformed(at, $"unexpected netlink message type {type}");
            }
        }

        return new InetDiagBatch(false, 0);
    }

    private static SocketRow DecodeSocket(ReadOnlySpan<byte> payload, SocketProtocol protocol, int at)
    {
        if (payload.Length < MessageSize)
        {
            throw Malformed(at, $"inet_diag_msg of {payload.Length} bytes, expected at least {MessageSize}");
        }

        var family = payload[MessageFamily];
        if (family is not (AfInet or AfInet6))
        {
            throw Malformed(at, $"inet_diag_msg with address family {family}, expected AF_INET (2) or AF_INET6 (10)");
        }

        var id = payload.Slice(MessageSockId, SockIdSize);
        var interfaceIndex = ReadUInt32(id[SockIdInterface..]);
        var local = new IPEndPoint(
            ReadAddress(id[SockIdSource..], family, interfaceIndex),
            BinaryPrimitives.ReadUInt16BigEndian(id[SockIdSourcePort..]));
        var remote = new IPEndPoint(
            ReadAddress(id[SockIdDestination..], family, interfaceIndex),
            BinaryPrimitives.ReadUInt16BigEndian(id[SockIdDestinationPort..]));

        TcpSocketState? state = protocol == SocketProtocol.Tcp ? LinuxTcpStates.ToState(payload[MessageState]) : null;
        bool? v6Only = family == AfInet6 ? ReadV6Only(payload[MessageSize..], at) : null;
        return new SocketRow(
            protocol,
            local,
            remote,
            state,
            Inode: ReadUInt32(payload[MessageInode..]),
            Uid: (int)ReadUInt32(payload[MessageUid..]),
            V6Only: v6Only);
    }

    /// <summary>INET_DIAG_SKV6ONLY: the kernel adds it to IPv6 sockets in LISTEN or CLOSE (bound UDP) state.</summary>
    private static bool? ReadV6Only(ReadOnlySpan<byte> attributes, int at)
    {
        bool? v6Only = null;
        while (attributes.Length >= AttributeHeaderSize)
        {
            var length = ReadUInt16(attributes);
            var type = (ushort)(ReadUInt16(attributes[2..]) & AttributeTypeMask);
            if (length < AttributeHeaderSize || length > attributes.Length)
            {
                throw Malformed(at, $"attribute of type {type} with length {length} does not fit the {attributes.Length} bytes left");
            }

            if (type == InetDiagSkV6Only && length > AttributeHeaderSize)
            {
                v6Only = attributes[AttributeHeaderSize] != 0;
            }

            attributes = attributes[Math.Min(Align(length), attributes.Length)..];
        }

        return attributes.IsEmpty ? v6Only : throw Malformed(at, $"{attributes.Length} stray bytes after the attributes");
    }

    private static IPAddress ReadAddress(ReadOnlySpan<byte> field, byte family, uint interfaceIndex)
    {
        if (family == AfInet)
        {
            return new IPAddress(field[..4]);
        }

        // Keep IPv4-mapped addresses (::ffff:a.b.c.d) as they are: the socket is an IPv6 one, as ss shows it.
        var bytes = field[..16];
        var linkLocal = bytes[0] == 0xfe && (bytes[1] & 0xc0) == 0x80;
        return new IPAddress(bytes, linkLocal ? interfaceIndex : 0);
    }

    private static SocketTableException Malformed(int offset, string what) =>
        new($"netlink sock_diag answer malformed at byte {offset}: {what}");

    // Netlink headers and the uid/inode fields are in the host's byte order (ports and addresses are not).
    private static ushort ReadUInt16(ReadOnlySpan<byte> bytes) => MemoryMarshal.Read<ushort>(bytes);

    private static uint ReadUInt32(ReadOnlySpan<byte> bytes) => MemoryMarshal.Read<uint>(bytes);

    private static int ReadInt32(ReadOnlySpan<byte> bytes) => MemoryMarshal.Read<int>(bytes);
}
