using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>The NetBIOS probe: a node status request for <c>*</c>, and Samba's nmbd answering it.</summary>
public class NetbiosNsPayloadTests
{
    private static readonly NetbiosNsPayload Payload = new();

    private static readonly UdpProbeContext Context = new(0x0001_5678);

    // nmbd 4.17.12 (Debian 12; netbios name FILESRV, workgroup WORKGROUP, local master) in a namespace, answering our
    // Build() bytes on 127.0.0.1 once it had become the workgroup's master browser: seven names, then 46 bytes of
    // statistics whose unit id (the MAC) Samba leaves zero.
    private const string NmbdHex =
        "5678 8400 0000 0001 0000 0000" +
        "20434b41414141414141414141414141414141414141414141414141414141414100 0021 0001 00000000 00ad" +
        "07" +
        "46494c455352562020202020202020 00 0400" +
        "46494c455352562020202020202020 03 0400" +
        "46494c455352562020202020202020 20 0400" +
        "01025f5f4d5342524f5753455f5f02 01 8400" +
        "574f524b47524f5550202020202020 00 8400" +
        "574f524b47524f5550202020202020 1d 0400" +
        "574f524b47524f5550202020202020 1e 8400" +
        "00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

    private static readonly byte[] Nmbd = PayloadChecks.Hex(NmbdHex);

    [Fact]
    public void Build_IsANodeStatusRequestForStar()
    {
        // RFC 1002 §4.2.17: opcode query, no flags, one question: "*" in first-level encoding, NBSTAT (0x21), IN.
        Assert.Equal(PayloadChecks.Hex(
            "5678 0000 0001 0000 0000 0000 20434b41414141414141414141414141414141414141414141414141414141414100 0021 0001"),
            Payload.Build(Context));
        Assert.Equal(UdpProtocol.NetbiosNs, Payload.Protocol);
        Assert.Equal([137], Payload.Ports);
    }

    [Fact]
    public void Read_Nmbd_ListsTheNamesWithTheirRoles()
    {
        var answer = Payload.Read(Nmbd, Context);
        Assert.True(answer.Recognized, answer.Summary);
        Assert.Equal(
            "FILESRV <00> (workstation), FILESRV <03> (messenger), FILESRV <20> (file server), " +
            "\\x01\\x02__MSBROWSE__\\x02 <01> group (master browser), WORKGROUP <00> group, " +
            "WORKGROUP <1d> (master browser), WORKGROUP <1e> group (browser elections)",
            answer.Summary);
    }

    [Fact]
    public void Read_UnitId_IsTheMac()
    {
        // Windows puts the adapter's MAC in the statistics' first six bytes (RFC 1002 §4.2.18's UNIT_ID): the capture
        // with those bytes set, as Windows would.
        var datagram = Nmbd.ToArray();
        PayloadChecks.Hex("525400123456").CopyTo(datagram, 12 + 34 + 10 + 1 + 7 * 18);
        Assert.EndsWith("WORKGROUP <1e> group (browser elections), MAC 52:54:00:12:34:56", Payload.Read(datagram, Context).Summary,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManyNames_ListsTenAndCountsTheRest()
    {
        // 12 names of 18 bytes, "N1".."N12" padded with spaces, unique workstations, and no statistics.
        var names = string.Concat(Enumerable.Range(1, 12).Select(i =>
            Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes($"N{i}".PadRight(15))) + "00 0400"));
        var datagram = PayloadChecks.Hex(
            "5678 8400 0000 0001 0000 0000" +
            "20434b41414141414141414141414141414141414141414141414141414141414100 0021 0001 00000000 00d9 0c" + names);
        var answer = Payload.Read(datagram, Context);
        Assert.True(answer.Recognized, answer.Summary);
        Assert.StartsWith("N1 <00> (workstation), N2 <00> (workstation)", answer.Summary, StringComparison.Ordinal);
        Assert.EndsWith("N10 <00> (workstation), 2 more names", answer.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NegativeAnswer_SaysWhy()
    {
        var answer = Payload.Read(PayloadChecks.Hex("5678 8403 0000 0000 0000 0000"), Context);
        Assert.True(answer.Recognized);
        Assert.Equal("negative answer, name not found", answer.Summary);
    }

    [Fact]
    public void Read_WrongId_IsNotRecognized()
    {
        var answer = Payload.Read(Nmbd, new UdpProbeContext(0x5679));
        Assert.False(answer.Recognized);
        Assert.Equal("a NetBIOS answer with another id (22136, not 22137)", answer.Summary);
    }

    [Fact]
    public void Read_OurRequestEchoed_IsNotAnAnswer()
    {
        var answer = Payload.Read(Payload.Build(Context), Context);
        Assert.False(answer.Recognized);
        Assert.Equal("50 bytes, not a NetBIOS name service answer", answer.Summary);
    }

    [Fact]
    public void Read_AnswerForAnotherName_IsNotRecognized()
    {
        var datagram = Nmbd.ToArray();
        datagram[14] = (byte)'D'; // "CK" is "*"; "DK" is not
        Assert.Equal("a NetBIOS answer to another question", Payload.Read(datagram, Context).Summary);
    }

    [Fact]
    public void Read_NameCountPastTheData_IsNotRecognized()
    {
        var datagram = Nmbd.ToArray();
        datagram[12 + 34 + 10] = 0xFF; // 255 names claimed in 173 bytes
        Assert.False(Payload.Read(datagram, Context).Recognized);
    }

    [Fact]
    public void Read_CutAnywhere_IsNeverRecognized() => PayloadChecks.NoPrefixIsRecognized(Payload, Nmbd, Context);

    [Fact]
    public void Read_Garbage_NeverThrows()
    {
        PayloadChecks.GarbageNeverThrows(Payload, Nmbd, Context);
        PayloadChecks.MutationsNeverThrow(Payload, Nmbd, Context);
    }
}
