using System.Formats.Asn1;
using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>SNMP: the v2c GetRequest for sysDescr.0, and net-snmp's real answers to it.</summary>
public class SnmpPayloadTests
{
    private static readonly UdpProbeContext Context = new(0x12345678);

    /// <summary>
    /// The request for <see cref="Context"/>, DER by hand from RFC 1901 / RFC 3416: SEQUENCE { version 1 (v2c),
    /// community "public", GetRequest-PDU [0] { request-id 0x12345678, error-status 0, error-index 0,
    /// variable-bindings { { 1.3.6.1.2.1.1.1.0, NULL } } } }.
    /// </summary>
    private const string Request =
        "3029" + "020101" + "04067075626c6963" + "a01c" + "020412345678" + "020100" + "020100" +
        "300e" + "300c" + "06082b06010201010100" + "0500";

    /// <summary>
    /// net-snmp 5.9.3's snmpd (Debian 12; <c>rocommunity public 127.0.0.1</c>, <c>sysDescr Reach lab agent
    /// (net-snmp 5.9.3, Debian 12)</c>) answering <see cref="Request"/> in a network namespace. Sent with community
    /// "private" instead, the same snmpd answered nothing at all: a wrong community is silence, never an error.
    /// </summary>
    private static readonly byte[] SnmpdAnswer = Convert.FromHexString(
        "305402010104067075626c6963a2470204123456780201000201003039303706082b06010201010100042b5265616368206c61" +
        "62206167656e7420286e65742d736e6d7020352e392e332c2044656269616e20313229");

    /// <summary>The same snmpd with <c>rocommunity public 127.0.0.1 .1.3.6.1.2.1.2</c> (a view without sysDescr): noSuchObject.</summary>
    private static readonly byte[] SnmpdNoSuchObject = Convert.FromHexString(
        "302902010104067075626c6963a21c020412345678020100020100300e300c06082b060102010101008000");

    private readonly SnmpPayload _payload = new();

    [Fact]
    public void Build_IsTheV2cGetOfSysDescr()
    {
        Assert.Equal(Request, Convert.ToHexStringLower(_payload.Build(Context)));
    }

    [Fact]
    public void Build_CarriesTheCommunityAndAPositiveRequestId()
    {
        var message = new AsnReader(_payload.Build(new UdpProbeContext(0xFFFF_FFFF, null, "s3cret")), AsnEncodingRules.DER).ReadSequence();
        Assert.Equal(1, (int)message.ReadInteger());
        Assert.Equal("s3cret"u8.ToArray(), message.ReadOctetString());
        var pdu = message.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true));
        Assert.Equal(0x7FFF_FFFF, (int)pdu.ReadInteger());
    }

    [Fact]
    public void Ports_Is161() => Assert.Equal([161], _payload.Ports);

    [Fact]
    public void Read_SnmpdAnswer_SysDescr()
    {
        Assert.Equal(
            new UdpAnswer(UdpProtocol.Snmp, true, "sysDescr: Reach lab agent (net-snmp 5.9.3, Debian 12)"),
            _payload.Read(SnmpdAnswer, Context));
    }

    [Fact]
    public void Read_SnmpdNoSuchObject_InWords()
    {
        Assert.Equal(new UdpAnswer(UdpProtocol.Snmp, true, "sysDescr.0: noSuchObject"), _payload.Read(SnmpdNoSuchObject, Context));
    }

    [Fact]
    public void Read_AnswerToAnotherRequest_NotRecognized()
    {
        var answer = _payload.Read(SnmpdAnswer, new UdpProbeContext(0x12345679));

        Assert.Equal(new UdpAnswer(UdpProtocol.Snmp, false, "an SNMP answer to another request (request-id differs)"), answer);
    }

    [Fact]
    public void Read_OurOwnRequestReflected_NotRecognized()
    {
        Assert.Equal(
            new UdpAnswer(UdpProtocol.Snmp, false, "43 bytes, an SNMP message but not a response"),
            _payload.Read(_payload.Build(Context), Context));
    }

    // Built from RFC 3416 by editing snmpd's answer: an error-status (byte 23) and a v1 message (version byte 4).
    [Theory]
    [InlineData(23, 2, true, "noSuchName")]
    [InlineData(23, 16, true, "authorizationError")]
    [InlineData(23, 99, true, "error-status 99")]
    [InlineData(4, 0, false, "86 bytes, not an SNMPv2c answer")]
    public void Read_EditedAnswers(int index, int value, bool recognized, string expected)
    {
        var datagram = (byte[])SnmpdAnswer.Clone();
        datagram[index] = (byte)value;

        Assert.Equal(new UdpAnswer(UdpProtocol.Snmp, recognized, expected), _payload.Read(datagram, Context));
    }

    [Fact]
    public void Read_ControlCharactersAndLongDescriptions_EscapedAndCut()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteOctetString("public"u8);
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 2, isConstructed: true)))
            {
                writer.WriteInteger(0x12345678);
                writer.WriteInteger(0);
                writer.WriteInteger(0);
                using (writer.PushSequence())
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.3.6.1.2.1.1.1.0");
                    writer.WriteOctetString(System.Text.Encoding.UTF8.GetBytes("evil\u001b[31m\r\n" + new string('x', 500)));
                }
            }
        }

        var answer = _payload.Read(writer.Encode(), Context);

        Assert.True(answer.Recognized);
        Assert.StartsWith("sysDescr: evil\\x1b[31m\\r\\nxxx", answer.Summary, StringComparison.Ordinal);
        Assert.EndsWith("…", answer.Summary, StringComparison.Ordinal);
        Assert.True(answer.Summary.Length < 250);
    }

    [Fact]
    public void Read_EveryTruncation_NeverRecognized()
    {
        foreach (var captured in new[] { SnmpdAnswer, SnmpdNoSuchObject })
        {
            for (var length = 0; length < captured.Length; length++)
            {
                Assert.False(_payload.Read(captured.AsSpan(0, length), Context).Recognized);
            }
        }
    }

    [Fact]
    public void Read_HugeLengthsAndGarbage_NeverThrowNorRecognized()
    {
        Assert.False(_payload.Read(Convert.FromHexString("3084ffffffff020101"), Context).Recognized);
        Assert.False(_payload.Read(Convert.FromHexString("30890100000000000000000201"), Context).Recognized);
        var random = new Random(161);
        for (var i = 0; i < 5000; i++)
        {
            var datagram = new byte[random.Next(0, 200)];
            random.NextBytes(datagram);
            Assert.False(_payload.Read(datagram, Context).Recognized);
        }
    }

    [Fact]
    public void Read_CapturedAnswerWithRandomBytes_NeverThrows()
    {
        var random = new Random(162);
        for (var i = 0; i < 5000; i++)
        {
            var datagram = (byte[])SnmpdAnswer.Clone();
            datagram[random.Next(datagram.Length)] = (byte)random.Next(256);
            datagram[random.Next(datagram.Length)] = (byte)random.Next(256);
            Assert.DoesNotContain('\u001b', _payload.Read(datagram, Context).Summary);
        }
    }

    [Fact]
    public void SharedChecks_CutsGarbageAndMutations()
    {
        foreach (var answer in new[] { SnmpdAnswer, SnmpdNoSuchObject })
        {
            PayloadChecks.NoPrefixIsRecognized(_payload, answer, Context);
        }

        foreach (var answer in new[] { SnmpdAnswer, SnmpdNoSuchObject })
        {
            PayloadChecks.GarbageNeverThrows(_payload, answer, Context);
            PayloadChecks.MutationsNeverThrow(_payload, answer, Context);
        }
    }
}
