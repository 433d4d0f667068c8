using System.Buffers.Binary;
using System.Net;
using Reach.Probes;

namespace Reach.Platform;

/// <summary>
/// Decodes the control messages recvmsg(MSG_ERRQUEUE) returns on 64-bit Linux: a cmsghdr
/// (size_t len, int level, int type) followed by struct sock_extended_err and the offender's sockaddr.
/// </summary>
internal static class ErrorQueueDecoder
{
    internal const int CmsgHeaderSize = 16;          // CMSG_ALIGN(sizeof(struct cmsghdr)) on 64-bit
    internal const int ExtendedErrorSize = 16;       // struct sock_extended_err
    internal const int SolIp = 0;
    internal const int IpRecvErr = 11;
    internal const int SolIpv6 = 41;
    internal const int Ipv6RecvErr = 25;
    internal const byte OriginIcmp = 2;
    internal const byte OriginIcmp6 = 3;
    private const ushort AfInet = 2;
    private const ushort AfInet6 = 10;

    public static IcmpError? Decode(ReadOnlySpan<byte> control)
    {
        IcmpError? found = null;
        while (control.Length >= CmsgHeaderSize)
        {
            var length = (long)BinaryPrimitives.ReadUInt64LittleEndian(control);
            if (length < CmsgHeaderSize || length > control.Length)
            {
                break;
            }

            var level = BinaryPrimitives.ReadInt32LittleEndian(control[8..]);
            var type = BinaryPrimitives.ReadInt32LittleEndian(control[12..]);
            var data = control[CmsgHeaderSize..(int)length];
            var isRecvErr = (level == SolIp && type == IpRecvErr) || (level == SolIpv6 && type == Ipv6RecvErr);
            if (isRecvErr && data.Length >= ExtendedErrorSize)
            {
                found = DecodeExtendedError(data) ?? found;
            }

            var aligned = (int)((length + 7) & ~7L);
            if (aligned >= control.Length)
            {
                break;
            }

            control = control[aligned..];
        }

        return found;
    }

    private static IcmpError? DecodeExtendedError(ReadOnlySpan<byte> data)
    {
        var origin = data[4];
        if (origin is not (OriginIcmp or OriginIcmp6))
        {
            return null;
        }

        return new IcmpError(origin == OriginIcmp6, Type: data[5], Code: data[6], DecodeOffender(data[ExtendedErrorSize..]));
    }

    private static IPAddress? DecodeOffender(ReadOnlySpan<byte> sockaddr)
    {
        if (sockaddr.Length < 2)
        {
            return null;
        }

        var family = BinaryPrimitives.ReadUInt16LittleEndian(sockaddr);
        return family switch
        {
            AfInet when sockaddr.Length >= 8 => new IPAddress(sockaddr.Slice(4, 4)),
            AfInet6 when sockaddr.Length >= 24 => new IPAddress(sockaddr.Slice(8, 16)),
            _ => null,
        };
    }
}
