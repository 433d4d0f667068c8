using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Reach.Core.Tests.Sockets;

/// <summary>
/// Builds netlink datagrams by hand from the documented layouts (linux/netlink.h: struct nlmsghdr;
/// linux/inet_diag.h: struct inet_diag_msg, struct inet_diag_sockid; struct rtattr), little-endian as on x86-64/arm64.
/// </summary>
internal static class NetlinkFixture
{
    public const ushort SockDiagByFamily = 20;
    public const ushort Done = 3;
    public const ushort Error = 2;

    /// <summary>One SOCK_DIAG_BY_FAMILY message: nlmsghdr(16) + inet_diag_msg(72) + optional SKV6ONLY attribute.</summary>
    public static byte[] Socket(
        IPEndPoint local,
        IPEndPoint remote,
        byte state,
        uint uid = 1000,
        uint inode = 4242,
        bool? v6Only = null,
        uint sequence = 1,
        uint interfaceIndex = 0)
    {
        var family = local.AddressFamily == AddressFamily.InterNetwork ? (byte)2 : (byte)10;
        var body = new byte[72 + (v6Only is null ? 0 : 8)];
        body[0] = family;
        body[1] = state;
        var id = body.AsSpan(4, 48);
        BinaryPrimitives.WriteUInt16BigEndian(id, (ushort)local.Port);
        BinaryPrimitives.WriteUInt16BigEndian(id[2..], (ushort)remote.Port);
        local.Address.TryWriteBytes(id[4..20], out _);
        remote.Address.TryWriteBytes(id[20..36], out _);
        BinaryPrimitives.WriteUInt32LittleEndian(id[36..], interfaceIndex);
        BinaryPrimitives.WriteUInt32LittleEndian(id[40..], 0xdeadbeef); // cookie
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(52), 7); // expires
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(64), uid);
        BinaryPrimitives.WriteUInt32LittleEndian(body.AsSpan(68), inode);
        if (v6Only is { } flag)
        {
            // struct rtattr { u16 len = 5; u16 type = INET_DIAG_SKV6ONLY (11); } u8 value, padded to 8.
            BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(72), 5);
            BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(74), 11);
            body[76] = flag ? (byte)1 : (byte)0;
        }

        return Message(SockDiagByFamily, body, sequence, flags: 2 /* NLM_F_MULTI */);
    }

    /// <summary>NLMSG_DONE with its int (0, or a negative errno).</summary>
    public static byte[] DoneMessage(int error = 0, uint sequence = 1)
    {
        var body = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(body, error);
        return Message(Done, body, sequence, flags: 2);
    }

    /// <summary>NLMSG_ERROR: struct nlmsgerr { int error; struct nlmsghdr msg; }.</summary>
    public static byte[] ErrorMessage(int error, uint sequence = 1)
    {
        var body = new byte[20];
        BinaryPrimitives.WriteInt32LittleEndian(body, error);
        return Message(Error, body, sequence, flags: 0);
    }

    public static byte[] Message(ushort type, ReadOnlySpan<byte> body, uint sequence, ushort flags)
    {
        var length = 16 + body.Length;
        var message = new byte[(length + 3) & ~3];
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)length);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(6), flags);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(12), 0);
        body.CopyTo(message.AsSpan(16));
        return message;
    }

    public static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
