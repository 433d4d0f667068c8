using System.Buffers.Binary;
using Reach.Tracing;

namespace Reach.Core.Tests.Tracing;

/// <summary>Packets built from RFC 791 / 792 / 8200 / 4443 layouts, as a raw socket receives them.</summary>
public class IcmpPacketDecoderTests
{
    [Fact]
    public void Build_V4_ChecksumVerifies()
    {
        var packet = IcmpEchoPacket.Build(ipv6: false, identifier: 0x1234, sequence: 7);

        Assert.Equal(8, packet[0]);
        Assert.Equal(0x1234, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(4)));
        Assert.Equal(7, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(6)));
        Assert.Equal(0, IcmpEchoPacket.Checksum(packet)); // a packet with a correct checksum sums to zero
    }

    [Fact]
    public void Build_V6_LeavesTheChecksumToTheKernel()
    {
        var packet = IcmpEchoPacket.Build(ipv6: true, identifier: 1, sequence: 2);

        Assert.Equal(128, packet[0]);
        Assert.Equal(0, BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(2)));
    }

    [Fact]
    public void Decode_V4EchoReply_WithItsIpHeader()
    {
        byte[] reply = [.. Ipv4Header(protocol: 1), .. Echo(type: 0, id: 0xBEEF, seq: 42)];

        Assert.True(IcmpPacketDecoder.TryDecode(reply, ipv6: false, out var message));
        Assert.True(message.IsEchoReply);
        Assert.Equal(0xBEEF, message.Identifier);
        Assert.Equal(42, message.Sequence);
    }

    [Fact]
    public void Decode_V4TimeExceeded_QuotingOurEcho()
    {
        byte[] quoted = [.. Ipv4Header(protocol: 1), .. Echo(type: 8, id: 0xBEEF, seq: 43)];
        byte[] packet = [.. Ipv4Header(protocol: 1), 11, 0, 0, 0, 0, 0, 0, 0, .. quoted];

        Assert.True(IcmpPacketDecoder.TryDecode(packet, ipv6: false, out var message));
        Assert.False(message.IsEchoReply);
        Assert.Equal(11, message.Type);
        Assert.Equal(0xBEEF, message.Identifier);
        Assert.Equal(43, message.Sequence);
    }

    [Fact]
    public void Decode_V4Unreachable_QuotingATcpSegment_IsNotOurs()
    {
        byte[] quoted = [.. Ipv4Header(protocol: 6), 0x1F, 0x90, 0x01, 0xBB, 0, 0, 0, 1];
        byte[] packet = [.. Ipv4Header(protocol: 1), 3, 13, 0, 0, 0, 0, 0, 0, .. quoted];

        Assert.False(IcmpPacketDecoder.TryDecode(packet, ipv6: false, out _));
    }

    [Fact]
    public void Decode_V6TimeExceeded_QuotingOurEcho()
    {
        byte[] quoted = [.. Ipv6Header(nextHeader: 58), .. Echo(type: 128, id: 7, seq: 9)];
        byte[] packet = [3, 0, 0, 0, 0, 0, 0, 0, .. quoted];

        Assert.True(IcmpPacketDecoder.TryDecode(packet, ipv6: true, out var message));
        Assert.True(message.IsIpv6);
        Assert.Equal(3, message.Type);
        Assert.Equal(7, message.Identifier);
        Assert.Equal(9, message.Sequence);
    }

    [Fact]
    public void Decode_V6EchoReply()
    {
        Assert.True(IcmpPacketDecoder.TryDecode(Echo(type: 129, id: 7, seq: 10), ipv6: true, out var message));
        Assert.True(message.IsEchoReply);
        Assert.Equal(10, message.Sequence);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x45, 0, 0 })]
    [InlineData(new byte[] { 11, 0, 0, 0, 0, 0, 0, 0, 0x60 })]
    public void Decode_TruncatedOrForeign_IsRejected(byte[] packet)
    {
        Assert.False(IcmpPacketDecoder.TryDecode(packet, ipv6: false, out _));
        Assert.False(IcmpPacketDecoder.TryDecode(packet, ipv6: true, out _));
    }

    [Fact]
    public void Decode_V6OurOwnEchoRequest_IsIgnored()
    {
        Assert.False(IcmpPacketDecoder.TryDecode(Echo(type: 128, id: 7, seq: 10), ipv6: true, out _));
    }

    private static byte[] Ipv4Header(byte protocol)
    {
        var header = new byte[20];
        header[0] = 0x45;
        header[8] = 64;
        header[9] = protocol;
        return header;
    }

    private static byte[] Ipv6Header(byte nextHeader)
    {
        var header = new byte[40];
        header[0] = 0x60;
        header[6] = nextHeader;
        header[7] = 1;
        return header;
    }

    private static byte[] Echo(byte type, ushort id, ushort seq)
    {
        var echo = new byte[16];
        echo[0] = type;
        BinaryPrimitives.WriteUInt16BigEndian(echo.AsSpan(4), id);
        BinaryPrimitives.WriteUInt16BigEndian(echo.AsSpan(6), seq);
        return echo;
    }
}
