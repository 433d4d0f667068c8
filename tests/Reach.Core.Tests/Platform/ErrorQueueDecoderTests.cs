using System.Buffers.Binary;
using System.Net;
using Reach.Platform;
using Reach.Probes;

namespace Reach.Core.Tests.Platform;

/// <summary>Fixtures built from the documented layouts: struct cmsghdr, struct sock_extended_err, sockaddr_in/in6.</summary>
public class ErrorQueueDecoderTests
{
    [Fact]
    public void Decode_IcmpV4AdminProhibited_WithOffender()
    {
        var control = ControlMessage(level: 0, type: 11, origin: 2, icmpType: 3, icmpCode: 13, offender: SockaddrIn(IPAddress.Parse("10.0.0.254")));

        var error = ErrorQueueDecoder.Decode(control);

        Assert.NotNull(error);
        Assert.False(error.IsIpv6);
        Assert.Equal(3, error.Type);
        Assert.Equal(13, error.Code);
        Assert.Equal(IPAddress.Parse("10.0.0.254"), error.Reporter);
        Assert.Equal(ProbeReason.AdminProhibited, error.ToReason());
    }

    [Fact]
    public void Decode_IcmpV6AddressUnreachable_WithOffender()
    {
        var control = ControlMessage(level: 41, type: 25, origin: 3, icmpType: 1, icmpCode: 3, offender: SockaddrIn6(IPAddress.Parse("fd00::1")));

        var error = ErrorQueueDecoder.Decode(control);

        Assert.NotNull(error);
        Assert.True(error.IsIpv6);
        Assert.Equal(IPAddress.Parse("fd00::1"), error.Reporter);
        Assert.Equal(ProbeReason.HostUnreach, error.ToReason());
    }

    [Theory]
    [InlineData(false, 11)]
    [InlineData(true, 3)]
    public void Decode_TimeExceeded_NamesTheRouter(bool ipv6, byte icmpType)
    {
        var router = IPAddress.Parse(ipv6 ? "fd00:5eac:f1::2" : "10.240.1.2");
        var control = ipv6
            ? ControlMessage(level: 41, type: 25, origin: 3, icmpType: icmpType, icmpCode: 0, offender: SockaddrIn6(router))
            : ControlMessage(level: 0, type: 11, origin: 2, icmpType: icmpType, icmpCode: 0, offender: SockaddrIn(router));

        var error = ErrorQueueDecoder.Decode(control);

        Assert.NotNull(error);
        Assert.True(error.IsTimeExceeded);
        Assert.Null(error.ToReason());
        Assert.Equal(router, error.Reporter);
    }

    [Fact]
    public void Decode_LocalOrigin_IsNotAnIcmpError()
    {
        var control = ControlMessage(level: 0, type: 11, origin: 1, icmpType: 0, icmpCode: 0, offender: new byte[16]);
        Assert.Null(ErrorQueueDecoder.Decode(control));
    }

    [Fact]
    public void Decode_OtherControlMessagesAreSkipped()
    {
        // A 4-byte IP_TTL message (padded to 8) before the IP_RECVERR one.
        var ttl = new byte[24];
        BinaryPrimitives.WriteUInt64LittleEndian(ttl, 20);
        BinaryPrimitives.WriteInt32LittleEndian(ttl.AsSpan(8), 0);
        BinaryPrimitives.WriteInt32LittleEndian(ttl.AsSpan(12), 2);
        var recverr = ControlMessage(level: 0, type: 11, origin: 2, icmpType: 3, icmpCode: 1, offender: SockaddrIn(IPAddress.Parse("192.0.2.1")));

        var error = ErrorQueueDecoder.Decode([.. ttl, .. recverr]);

        Assert.Equal(ProbeReason.HostUnreach, error?.ToReason());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(15)]
    public void Decode_TruncatedBuffers_GiveNothing(int length)
    {
        var control = ControlMessage(level: 0, type: 11, origin: 2, icmpType: 3, icmpCode: 13, offender: SockaddrIn(IPAddress.Loopback));
        Assert.Null(ErrorQueueDecoder.Decode(control.AsSpan(0, length)));
    }

    [Fact]
    public void Decode_LengthBeyondTheBuffer_GivesNothing()
    {
        var control = ControlMessage(level: 0, type: 11, origin: 2, icmpType: 3, icmpCode: 13, offender: SockaddrIn(IPAddress.Loopback));
        BinaryPrimitives.WriteUInt64LittleEndian(control, 4096);
        Assert.Null(ErrorQueueDecoder.Decode(control));
    }

    private static byte[] ControlMessage(int level, int type, byte origin, byte icmpType, byte icmpCode, byte[] offender)
    {
        var length = ErrorQueueDecoder.CmsgHeaderSize + ErrorQueueDecoder.ExtendedErrorSize + offender.Length;
        var buffer = new byte[(length + 7) & ~7];
        BinaryPrimitives.WriteUInt64LittleEndian(buffer, (ulong)length);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(8), level);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(12), type);
        var ee = buffer.AsSpan(ErrorQueueDecoder.CmsgHeaderSize);
        BinaryPrimitives.WriteUInt32LittleEndian(ee, 113); // ee_errno: EHOSTUNREACH
        ee[4] = origin;
        ee[5] = icmpType;
        ee[6] = icmpCode;
        offender.CopyTo(ee[ErrorQueueDecoder.ExtendedErrorSize..]);
        return buffer;
    }

    private static byte[] SockaddrIn(IPAddress address)
    {
        var sockaddr = new byte[16];
        BinaryPrimitives.WriteUInt16LittleEndian(sockaddr, 2);
        address.GetAddressBytes().CopyTo(sockaddr, 4);
        return sockaddr;
    }

    private static byte[] SockaddrIn6(IPAddress address)
    {
        var sockaddr = new byte[28];
        BinaryPrimitives.WriteUInt16LittleEndian(sockaddr, 10);
        address.GetAddressBytes().CopyTo(sockaddr, 8);
        return sockaddr;
    }
}
