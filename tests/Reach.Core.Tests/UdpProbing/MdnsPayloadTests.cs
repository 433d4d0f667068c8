using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>The mDNS probe: the DNS-SD services meta-query with the QU bit, and a real responder's answer.</summary>
public class MdnsPayloadTests
{
    private static readonly MdnsPayload Payload = new();

    private static readonly UdpProbeContext Context = new(0x0042_1234);

    // avahi-daemon 0.8 (Debian 12) on a namespace's loopback (multicast turned on), publishing _http._tcp and
    // _ssh._tcp, answering our Build() bytes from an ephemeral port: a legacy unicast answer (RFC 6762 §6.7) that
    // repeats our id and question (QU bit included), AA set, PTR targets compressed against the question and each other.
    private static readonly byte[] AvahiServices = PayloadChecks.Hex(
        "1234 8400 0001 0002 0000 0000" +
        "095f7365727669636573075f646e732d7364045f756470056c6f63616c00 000c 8001" +
        "c00c 000c 0001 0000000a 000d 055f68747470045f746370c023" +
        "c00c 000c 0001 0000000a 0007 045f737368c040");

    [Fact]
    public void Build_IsTheServicesMetaQueryAskingForAUnicastAnswer()
    {
        // RFC 6763 §9 names the meta-query; RFC 6762 §5.4 puts the QU bit at the top of the question class.
        Assert.Equal(PayloadChecks.Hex(
            "1234 0000 0001 0000 0000 0000" +
            "09 5f7365727669636573 07 5f646e732d7364 04 5f756470 05 6c6f63616c 00" +
            "000c 8001"), Payload.Build(Context));
        Assert.Equal(UdpProtocol.Mdns, Payload.Protocol);
        Assert.Equal([5353], Payload.Ports);
    }

    [Fact]
    public void Read_Avahi_NamesTheServiceTypes()
    {
        var answer = Payload.Read(AvahiServices, Context);
        Assert.True(answer.Recognized, answer.Summary);
        Assert.Equal("NOERROR, 2 records (authoritative): _http._tcp, _ssh._tcp", answer.Summary);
    }

    [Fact]
    public void Read_WrongId_IsNotRecognized()
    {
        var answer = Payload.Read(AvahiServices, new UdpProbeContext(0));
        Assert.False(answer.Recognized);
        Assert.Equal("an mDNS answer with another id (4660, not 0)", answer.Summary);
    }

    [Fact]
    public void Read_AnswerForAnotherName_IsNotRecognized()
    {
        var datagram = AvahiServices.ToArray();
        datagram[14] = (byte)'S'; // _Services is the same name (case-insensitive)
        Assert.True(Payload.Read(datagram, Context).Recognized);
        datagram[14] = (byte)'x';
        Assert.Equal("an answer to another question", Payload.Read(datagram, Context).Summary);
    }

    [Fact]
    public void Read_ControlCharactersInAServiceName_AreEscaped()
    {
        // A PTR target label "_a\x1b[2J" (ESC, clear screen) comes out as \027: never raw to the terminal.
        var datagram = PayloadChecks.Hex(
            "1234 8400 0001 0001 0000 0000" +
            "095f7365727669636573075f646e732d7364045f756470056c6f63616c00 000c 8001" +
            "c00c 000c 0001 0000000a 0009 065f611b5b324ac023");
        var answer = Payload.Read(datagram, Context);
        Assert.True(answer.Recognized, answer.Summary);
        Assert.Equal("NOERROR, 1 record (authoritative): _a\\027[2J", answer.Summary);
    }

    [Fact]
    public void Read_ManyServices_NamesSixAndCountsTheRest()
    {
        var records = string.Concat(Enumerable.Range(0, 9).Select(i => $"c00c 000c 0001 0000000a 0006 03 5f 61 {0x30 + i:x2} c023"));
        var datagram = PayloadChecks.Hex(
            "1234 8400 0001 0009 0000 0000" +
            "095f7365727669636573075f646e732d7364045f756470056c6f63616c00 000c 8001" + records);
        Assert.Equal("NOERROR, 9 records (authoritative): _a0, _a1, _a2, _a3, _a4, _a5 and 3 more",
            Payload.Read(datagram, Context).Summary);
    }

    [Fact]
    public void Read_CutAnywhere_IsNeverRecognized() => PayloadChecks.NoPrefixIsRecognized(Payload, AvahiServices, Context);

    [Fact]
    public void Read_Garbage_NeverThrows()
    {
        PayloadChecks.GarbageNeverThrows(Payload, AvahiServices, Context);
        PayloadChecks.MutationsNeverThrow(Payload, AvahiServices, Context);
    }
}
