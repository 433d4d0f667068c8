using System.Buffers.Binary;
using System.Net;
using Reach.Tracing;

namespace Reach.Core.Tests.Tracing;

/// <summary>
/// What a raw ICMP socket on Windows hands over for an ICMP error about a TCP SYN, built from RFC 791 / 792 /
/// 8200 / 4443 / 9293 layouts: IPv4 header + ICMP header + quoted IP header + the first 8 bytes of the TCP header
/// (a raw ICMPv6 socket gives the ICMPv6 message without the IPv6 header).
/// </summary>
public class IcmpTcpQuoteDecoderTests
{
    private static readonly IPAddress Router = IPAddress.Parse("198.51.100.1");
    private static readonly IPAddress Local = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress Target = IPAddress.Parse("203.0.113.9");
    private static readonly IPAddress LocalV6 = IPAddress.Parse("2001:db8::10");
    private static readonly IPAddress TargetV6 = IPAddress.Parse("2001:db8:9::9");

    [Fact]
    public void V4TimeExceeded_QuotingOurSyn_GivesItsPortsAndDestination()
    {
        byte[] packet = [.. Ipv4Header(Router, Local, protocol: 1), .. IcmpHeader(11, 0), .. Ipv4Header(Local, Target, protocol: 6), .. TcpStart(51000, 443)];

        Assert.True(IcmpPacketDecoder.TryDecodeTcpQuote(packet, ipv6: false, out var quote));
        Assert.Equal(new IcmpTcpQuote(false, 11, 0, Target, 51000, 443), quote);
    }

    [Fact]
    public void V4AdminProhibited_QuotingOurSyn_KeepsTheCode()
    {
        byte[] packet = [.. Ipv4Header(Router, Local, protocol: 1), .. IcmpHeader(3, 13), .. Ipv4Header(Local, Target, protocol: 6), .. TcpStart(51001, 22)];

        Assert.True(IcmpPacketDecoder.TryDecodeTcpQuote(packet, ipv6: false, out var quote));
        Assert.Equal((byte)3, quote.Type);
        Assert.Equal((byte)13, quote.Code);
        Assert.Equal(51001, quote.SourcePort);
        Assert.Equal(22, quote.DestinationPort);
    }

    [Fact]
    public void V4QuotedHeaderWithOptions_IsSkippedByItsLength()
    {
        var quoted = Ipv4Header(Local, Target, protocol: 6, optionWords: 2);
        byte[] packet = [.. Ipv4Header(Router, Local, protocol: 1), .. IcmpHeader(11, 0), .. quoted, .. TcpStart(50000, 8443)];

        Assert.True(IcmpPacketDecoder.TryDecodeTcpQuote(packet, ipv6: false, out var quote));
        Assert.Equal(50000, quote.SourcePort);
        Assert.Equal(8443, quote.DestinationPort);
    }

    [Fact]
    public void V6TimeExceeded_QuotingOurSyn_WithoutTheOuterHeader()
    {
        byte[] packet = [.. IcmpHeader(3, 0), .. Ipv6Header(LocalV6, TargetV6, nextHeader: 6), .. TcpStart(52000, 443)];

        Assert.True(IcmpPacketDecoder.TryDecodeTcpQuote(packet, ipv6: true, out var quote));
        Assert.Equal(new IcmpTcpQuote(true, 3, 0, TargetV6, 52000, 443), quote);
    }

    [Fact]
    public void V6PortUnreachable_QuotingOurSyn()
    {
        byte[] packet = [.. IcmpHeader(1, 4), .. Ipv6Header(LocalV6, TargetV6, nextHeader: 6), .. TcpStart(52001, 25)];

        Assert.True(IcmpPacketDecoder.TryDecodeTcpQuote(packet, ipv6: true, out var quote));
        Assert.Equal((byte)1, quote.Type);
        Assert.Equal((byte)4, quote.Code);
    }

    [Fact]
    public void AnErrorQuotingAnEcho_IsNoTcpQuote_ButStillOurEcho()
    {
        byte[] echo = [8, 0, 0, 0, 0xBE, 0xEF, 0, 5];
        byte[] packet = [.. Ipv4Header(Router, Local, protocol: 1), .. IcmpHeader(11, 0), .. Ipv4Header(Local, Target, protocol: 1), .. echo];

        Assert.False(IcmpPacketDecoder.TryDecodeTcpQuote(packet, ipv6: false, out _));
        Assert.True(IcmpPacketDecoder.TryDecode(packet, ipv6: false, out var message));
        Assert.Equal(5, message.Sequence);
    }

    [Fact]
    public void AnEchoReply_IsNoTcpQuote()
    {
        byte[] packet = [.. Ipv4Header(Target, Local, protocol: 1), 0, 0, 0, 0, 0xBE, 0xEF, 0, 5];

        Assert.False(IcmpPacketDecoder.TryDecodeTcpQuote(packet, ipv6: false, out _));
    }

    [Fact]
    public void AQuoteCutBeforeThePorts_IsRejected()
    {
        byte[] packet = [.. Ipv4Header(Router, Local, protocol: 1), .. IcmpHeader(11, 0), .. Ipv4Header(Local, Target, protocol: 6), 0xC7];

        Assert.False(IcmpPacketDecoder.TryDecodeTcpQuote(packet, ipv6: false, out _));
    }

    [Fact]
    public void AQuotedUdpDatagram_IsNotOurs()
    {
        byte[] packet = [.. IcmpHeader(3, 0), .. Ipv6Header(LocalV6, TargetV6, nextHeader: 17), .. TcpStart(52000, 53)];

        Assert.False(IcmpPacketDecoder.TryDecodeTcpQuote(packet, ipv6: true, out _));
    }

    [Fact]
    public void IsAbout_MatchesOnlyThisProbesPortsAndDestination()
    {
        var quote = new IcmpTcpQuote(false, 11, 0, Target, 51000, 443);

        Assert.True(quote.IsAbout(Target, 443, 51000));
        Assert.False(quote.IsAbout(Target, 443, 51001));   // another probe's SYN
        Assert.False(quote.IsAbout(Target, 80, 51000));
        Assert.False(quote.IsAbout(Local, 443, 51000));
    }

    [Fact]
    public void IsAbout_IgnoresTheScopeIdOfALinkLocalDestination()
    {
        var scoped = IPAddress.Parse("fe80::9%7");
        var quote = new IcmpTcpQuote(true, 3, 0, IPAddress.Parse("fe80::9"), 52000, 22);

        Assert.True(quote.IsAbout(scoped, 22, 52000));
    }

    private static byte[] Ipv4Header(IPAddress source, IPAddress destination, byte protocol, int optionWords = 0)
    {
        var header = new byte[20 + (optionWords * 4)];
        header[0] = (byte)(0x40 | (5 + optionWords));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(2), (ushort)header.Length);
        header[8] = 1;
        header[9] = protocol;
        source.GetAddressBytes().CopyTo(header, 12);
        destination.GetAddressBytes().CopyTo(header, 16);
        return header;
    }

    private static byte[] Ipv6Header(IPAddress source, IPAddress destination, byte nextHeader)
    {
        var header = new byte[40];
        header[0] = 0x60;
        header[6] = nextHeader;
        header[7] = 1;
        source.GetAddressBytes().CopyTo(header, 8);
        destination.GetAddressBytes().CopyTo(header, 24);
        return header;
    }

    /// <summary>Type, code, checksum (left 0: the decoder does not verify it), and 4 unused bytes.</summary>
    private static byte[] IcmpHeader(byte type, byte code) => [type, code, 0, 0, 0, 0, 0, 0];

    /// <summary>The first 8 bytes of a TCP header: source port, destination port, sequence number.</summary>
    private static byte[] TcpStart(ushort sourcePort, ushort destinationPort)
    {
        var tcp = new byte[8];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), destinationPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), 0x1234_5678);
        return tcp;
    }
}
