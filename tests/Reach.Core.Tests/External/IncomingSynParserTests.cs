using Reach.External;

namespace Reach.Core.Tests.External;

public class IncomingSynParserTests
{
    [Theory]
    [InlineData(0x02, true)] // SYN
    [InlineData(0x12, false)] // SYN-ACK: an answer, not an attempt
    [InlineData(0x10, false)] // ACK
    [InlineData(0x04, false)] // RST
    [InlineData(0xC2, true)] // SYN with ECN flags
    public void IPv4_OnlyASynWithoutAck_IsAnAttempt(byte flags, bool expected)
    {
        var packet = V4(headerWords: 5, protocol: 6, port: 8082, flags: flags);

        Assert.Equal(expected, IncomingSynParser.TryGetSynPort(packet, out var port));
        Assert.Equal(expected ? 8082 : 0, port);
    }

    [Fact]
    public void IPv4_WithOptions_FindsTheTcpHeaderAfterThem()
    {
        Assert.True(IncomingSynParser.TryGetSynPort(V4(headerWords: 6, protocol: 6, port: 443, flags: 0x02), out var port));
        Assert.Equal(443, port);
    }

    [Fact]
    public void IPv4_Udp_OrALaterFragment_OrTooShort_IsNot()
    {
        Assert.False(IncomingSynParser.TryGetSynPort(V4(5, protocol: 17, port: 53, flags: 0x02), out _));
        var fragment = V4(5, 6, 80, 0x02);
        fragment[7] = 0x10; // fragment offset 16
        Assert.False(IncomingSynParser.TryGetSynPort(fragment, out _));
        Assert.False(IncomingSynParser.TryGetSynPort(V4(5, 6, 80, 0x02).AsSpan(0, 30), out _));
        Assert.False(IncomingSynParser.TryGetSynPort([], out _));
    }

    [Fact]
    public void IPv6_Syn_IsAnAttempt_OtherNextHeaders_AreNot()
    {
        Assert.True(IncomingSynParser.TryGetSynPort(V6(nextHeader: 6, port: 25565, flags: 0x02), out var port));
        Assert.Equal(25565, port);
        Assert.False(IncomingSynParser.TryGetSynPort(V6(nextHeader: 0, port: 25565, flags: 0x02), out _)); // hop-by-hop first
        Assert.False(IncomingSynParser.TryGetSynPort(V6(nextHeader: 6, port: 25565, flags: 0x12), out _));
    }

    private static byte[] V4(int headerWords, byte protocol, int port, byte flags)
    {
        var header = headerWords * 4;
        var packet = new byte[header + 20];
        packet[0] = (byte)(0x40 | headerWords);
        packet[6] = 0x40; // don't fragment, offset 0
        packet[9] = protocol;
        Tcp(packet.AsSpan(header), port, flags);
        return packet;
    }

    private static byte[] V6(byte nextHeader, int port, byte flags)
    {
        var packet = new byte[60];
        packet[0] = 0x60;
        packet[6] = nextHeader;
        Tcp(packet.AsSpan(40), port, flags);
        return packet;
    }

    private static void Tcp(Span<byte> tcp, int port, byte flags)
    {
        tcp[0] = 0xC3; // source port 50000
        tcp[1] = 0x50;
        tcp[2] = (byte)(port >> 8);
        tcp[3] = (byte)port;
        tcp[13] = flags;
    }
}
