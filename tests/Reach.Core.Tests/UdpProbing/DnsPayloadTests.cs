using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>The DNS probe: dig's <c>. NS</c> query, and real servers' answers read back.</summary>
public class DnsPayloadTests
{
    private static readonly DnsPayload Payload = new();

    // The context every capture below answered: the id on the wire is the transaction id's low 16 bits, 0x1234.
    private static readonly UdpProbeContext Context = new(0xABCD_1234);

    // unbound 1.17.1 (Debian 12), `local-zone: "." static` with three root NS records, answering our Build() bytes:
    // AA and RA set, names compressed (c01e points into a.root-servers.net).
    private static readonly byte[] UnboundRootNs = PayloadChecks.Hex(
        "1234 8580 0001 0003 0000 0000 00 0002 0001" +
        "00 0002 0001 0007e900 0014 01610c726f6f742d73657276657273036e657400" +
        "00 0002 0001 0007e900 0004 0162c01e" +
        "00 0002 0001 0007e900 0004 0163c01e");

    // dnsmasq 2.90 (Debian 12), `--no-resolv` with no upstream: REFUSED, RD echoed, RA set, the question repeated.
    private static readonly byte[] DnsmasqRefused = PayloadChecks.Hex("1234 8185 0001 0000 0000 0000 00 0002 0001");

    // dnsmasq 2.90 as the authoritative server of example.test (`--auth-zone`), asked example.test NS with id 0x5678:
    // an answer to another question than ours, uncompressed.
    private static readonly byte[] DnsmasqExampleNs = PayloadChecks.Hex(
        "5678 8500 0001 0001 0000 0000 076578616d706c65047465737400 0002 0001" +
        "076578616d706c65047465737400 0002 0001 00000258 0012 036e7331076578616d706c6504746573740000");

    [Fact]
    public void Build_IsARecursiveQueryForTheRootNs()
    {
        // RFC 1035 §4.1: id, flags (RD only), QDCOUNT 1, no other records; QNAME the root (one zero byte), NS, IN.
        Assert.Equal(PayloadChecks.Hex("1234 0100 0001 0000 0000 0000 00 0002 0001"), Payload.Build(Context));
        Assert.Equal(0xBEEF, (Payload.Build(new UdpProbeContext(0x7777_BEEF))[0] << 8) | Payload.Build(new UdpProbeContext(0x7777_BEEF))[1]);
        Assert.NotSame(Payload.Build(Context), Payload.Build(Context));
        Assert.Equal(UdpProtocol.Dns, Payload.Protocol);
        Assert.Equal([53], Payload.Ports);
    }

    [Fact]
    public void Read_UnboundRootNs_CountsRecordsAndFlags()
    {
        var answer = Payload.Read(UnboundRootNs, Context);
        Assert.True(answer.Recognized, answer.Summary);
        Assert.Equal("NOERROR, 3 records (authoritative, recursion available)", answer.Summary);
    }

    [Fact]
    public void Read_DnsmasqRefused_SaysRefused()
    {
        var answer = Payload.Read(DnsmasqRefused, Context);
        Assert.True(answer.Recognized, answer.Summary);
        Assert.Equal("REFUSED (recursion available)", answer.Summary);
    }

    [Fact]
    public void Read_AnswerToAnotherQuestion_IsNotRecognized()
    {
        var answer = Payload.Read(DnsmasqExampleNs, new UdpProbeContext(0x5678));
        Assert.False(answer.Recognized);
        Assert.Equal("an answer to another question", answer.Summary);
    }

    [Fact]
    public void Reply_DnsmasqAuthoritativeAnswer_ReadsTheRecord()
    {
        Assert.True(DnsReply.TryRead(DnsmasqExampleNs, 0x5678, "example.test", 2, "a DNS answer", out var reply, out var reason), reason);
        Assert.Equal("NOERROR, 1 record (authoritative)", reply.Summary());
    }

    [Theory]
    [InlineData(0x00, "NOERROR, 0 records")]
    [InlineData(0x83, "NXDOMAIN, 0 records (recursion available)")]
    [InlineData(0x02, "SERVFAIL")]
    [InlineData(0x01, "FORMERR")]
    [InlineData(0x04, "NOTIMP")]
    [InlineData(0x0B, "RCODE 11")]
    public void Read_ResponseCodes_InDigsWords(byte flagsLow, string summary)
    {
        var datagram = DnsmasqRefused.ToArray();
        datagram[3] = flagsLow;
        Assert.Equal(summary, Payload.Read(datagram, Context).Summary);
    }

    [Fact]
    public void Read_Truncated_SaysSo()
    {
        var datagram = DnsmasqRefused.ToArray();
        datagram[2] |= 0x02; // TC
        Assert.Equal("REFUSED (recursion available, truncated)", Payload.Read(datagram, Context).Summary);
    }

    [Fact]
    public void Read_WrongId_IsNotRecognized()
    {
        var answer = Payload.Read(UnboundRootNs, new UdpProbeContext(0x1235));
        Assert.False(answer.Recognized);
        Assert.Equal("a DNS answer with another id (4660, not 4661)", answer.Summary);
    }

    [Fact]
    public void Read_OurOwnQueryEchoed_IsNotAnAnswer()
    {
        // A reflector (or a loop) sends the query back: QR is clear, so it is no answer.
        var answer = Payload.Read(Payload.Build(Context), Context);
        Assert.False(answer.Recognized);
        Assert.Equal("17 bytes, not a DNS answer", answer.Summary);
    }

    [Theory]
    [InlineData("c011")] // a pointer to itself
    [InlineData("c012")] // a pointer forward, to the next byte
    [InlineData("c3ff")] // a pointer past the end
    [InlineData("40")] // an obsolete label type
    [InlineData("05616263")] // a label longer than what is left
    public void Read_BrokenNames_AreNotRecognized(string name)
    {
        // The answer record's owner name sits at offset 17: a name at 12 (the question's root) is the only earlier one.
        var datagram = PayloadChecks.Hex("1234 8180 0001 0001 0000 0000 00 0002 0001" + name + "00 0002 0001 00000000 0000");
        var answer = Payload.Read(datagram, Context);
        Assert.False(answer.Recognized, answer.Summary);
        Assert.Contains("cut short", answer.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HugeCountsWithoutRecords_AreNotRecognized()
    {
        var answer = Payload.Read(PayloadChecks.Hex("1234 8180 ffff ffff ffff ffff 00 0002 0001"), Context);
        Assert.False(answer.Recognized);
    }

    [Fact]
    public void Name_LongerThan255Bytes_IsRefused()
    {
        // 5 labels of 63 bytes (320 bytes) is past RFC 1035's 255; 3 of them (193) is fine.
        static byte[] Name(int labels) =>
            [.. Enumerable.Range(0, labels).SelectMany(_ => new byte[] { 63 }.Concat(Enumerable.Repeat((byte)'a', 63))), 0];
        var offset = 0;
        Assert.True(DnsWire.TryReadName(Name(3), ref offset, out _));
        Assert.Equal(193, offset);
        offset = 0;
        Assert.False(DnsWire.TryReadName(Name(5), ref offset, out _));
    }

    [Theory]
    [InlineData(128, true)]
    [InlineData(129, false)]
    public void Name_LongPointerChains_AreRefused(int pointers, bool read)
    {
        // The root at 0, then pointers each to the one before: the last one starts a chain of that many hops.
        var message = new byte[1 + 2 * pointers];
        for (var i = 0; i < pointers; i++)
        {
            var target = i == 0 ? 0 : 1 + 2 * (i - 1);
            message[1 + 2 * i] = (byte)(0xC0 | (target >> 8));
            message[2 + 2 * i] = (byte)target;
        }

        var offset = message.Length - 2;
        Assert.Equal(read, DnsWire.TryReadName(message, ref offset, out var name));
        Assert.Equal(read ? "." : string.Empty, name);
    }

    [Fact]
    public void Name_ControlBytes_AreWrittenAsDecimalEscapes()
    {
        var offset = 0;
        Assert.True(DnsWire.TryReadName(PayloadChecks.Hex("051b5b326a2e 03636f6d 00"), ref offset, out var name));
        Assert.Equal("\\027[2j\\..com", name);
        Assert.Equal(11, offset);
    }

    [Fact]
    public void Read_CutAnywhere_IsNeverRecognized()
    {
        PayloadChecks.NoPrefixIsRecognized(Payload, UnboundRootNs, Context);
        PayloadChecks.NoPrefixIsRecognized(Payload, DnsmasqRefused, Context);
    }

    [Fact]
    public void Read_Garbage_NeverThrows()
    {
        PayloadChecks.GarbageNeverThrows(Payload, UnboundRootNs, Context);
        PayloadChecks.MutationsNeverThrow(Payload, UnboundRootNs, Context);
    }
}
