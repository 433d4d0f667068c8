using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>
/// CLDAP: the rootDSE search over UDP, and a Samba AD DC's real answer to it. The other answers (a refusal, RFC 1798's
/// framing, a DC's answer laid out for byte offsets) are built byte by byte from RFC 4511 §4.5.2 / RFC 1798 /
/// MS-ADTS §6.3.3, not captured.
/// </summary>
public class CldapPayloadTests
{
    private static readonly UdpProbeContext Context = new(0x12345678);

    /// <summary>
    /// The request for <see cref="Context"/>, DER by hand from RFC 4511 §4.5.1: LDAPMessage { messageID 0x12345678,
    /// [APPLICATION 3] { baseObject "", scope baseObject (ENUMERATED 0), derefAliases never (0), sizeLimit 0,
    /// timeLimit 0, typesOnly FALSE, filter present [7] "objectClass", attributes { dnsHostName,
    /// defaultNamingContext, supportedLDAPVersion } } }.
    /// </summary>
    private const string Request =
        "3061" + "020412345678" + "6359" + "0400" + "0a0100" + "0a0100" + "020100" + "020100" + "010100" +
        "870b6f626a656374436c617373" +
        "3039040b646e73486f73744e616d65041464656661756c744e616d696e67436f6e746578740414737570706f727465644c44415056657273696f6e";

    /// <summary>
    /// Samba 4.17.12 (Debian 12, <c>samba-tool domain provision --realm=EXAMPLE.TEST --server-role=dc</c>, run with
    /// <c>server services = cldap</c> in a network namespace) answering <see cref="Request"/>: a SearchResultEntry with
    /// the attributes in its own order, then a SearchResultDone (success).
    /// </summary>
    private static readonly byte[] SambaAnswer = Convert.FromHexString(
        "307d020412345678647504003071302c041464656661756c744e616d696e67436f6e746578743114041244433d6578616d706c652c4443" +
        "3d74657374301e0414737570706f727465644c44415056657273696f6e31060401320401333021040b646e73486f73744e616d65311204" +
        "106463312e6578616d706c652e74657374" +
        "300f02041234567865070a010004000400");

    /// <summary>A DC's answer, from the documents: a SearchResultEntry ("" with the three attributes) and a SearchResultDone (success).</summary>
    private static readonly byte[] DcAnswer = Convert.FromHexString(
        "307d0204123456786475040030713021040b646e73486f73744e616d65311204106463312e6578616d706c652e74657374302c0414646566" +
        "61756c744e616d696e67436f6e746578743114041244433d6578616d706c652c44433d74657374301e0414737570706f727465644c444150" +
        "56657273696f6e3106040133040132" +
        "300f02041234567865070a010004000400");

    /// <summary>A SearchResultDone alone: unwillingToPerform (53) with a diagnostic message.</summary>
    private static readonly byte[] Refusal = Convert.FromHexString(
        "3033020412345678652b0a0135040004246f6e6c7920746865206e65746c6f676f6e20617474726962757465206f76657220554450");

    /// <summary>RFC 1798's framing: an (empty) cldapUserName between the messageID and the operation.</summary>
    private static readonly byte[] Rfc1798Answer = Convert.FromHexString(
        "303102041234567804006427040030233021040b646e73486f73744e616d65311204106463312e6578616d706c652e74657374" +
        "3011020412345678040065070a010004000400");

    private readonly CldapPayload _payload = new();

    [Fact]
    public void Build_IsTheRootDseSearch()
    {
        Assert.Equal(Request, Convert.ToHexStringLower(_payload.Build(Context)));
    }

    [Theory]
    [InlineData(0u, "020101")] // 0 is for unsolicited notifications
    [InlineData(0x8000_0000u, "020101")]
    [InlineData(0xFFFF_FFFFu, "02047fffffff")]
    [InlineData(0x80u, "02020080")]
    public void Build_MessageIdIsPositive(uint transactionId, string encoded)
    {
        Assert.Equal(encoded, Convert.ToHexStringLower(_payload.Build(new UdpProbeContext(transactionId)).AsSpan(2, encoded.Length / 2)));
    }

    [Fact]
    public void Ports_Is389() => Assert.Equal([389], _payload.Ports);

    [Fact]
    public void Read_SambaAnswer_AttributesBriefly()
    {
        Assert.Equal(
            new UdpAnswer(UdpProtocol.Cldap, true,
                "rootDSE: defaultNamingContext DC=example,DC=test, supportedLDAPVersion 2,3, dnsHostName dc1.example.test"),
            _payload.Read(SambaAnswer, Context));
    }

    [Fact]
    public void Read_DcAnswer_AttributesBriefly()
    {
        Assert.Equal(
            new UdpAnswer(UdpProtocol.Cldap, true,
                "rootDSE: dnsHostName dc1.example.test, defaultNamingContext DC=example,DC=test, supportedLDAPVersion 3,2"),
            _payload.Read(DcAnswer, Context));
    }

    [Fact]
    public void Read_Refusal_ResultCodeInWords()
    {
        Assert.Equal(
            new UdpAnswer(UdpProtocol.Cldap, true, "LDAP unwillingToPerform (only the netlogon attribute over UDP)"),
            _payload.Read(Refusal, Context));
    }

    [Fact]
    public void Read_Rfc1798Framing_Read()
    {
        Assert.Equal(new UdpAnswer(UdpProtocol.Cldap, true, "rootDSE: dnsHostName dc1.example.test"), _payload.Read(Rfc1798Answer, Context));
    }

    [Fact]
    public void Read_AnswerToAnotherRequest_NotRecognized()
    {
        Assert.Equal(
            new UdpAnswer(UdpProtocol.Cldap, false, "an LDAP answer to another request (messageID differs)"),
            _payload.Read(SambaAnswer, new UdpProbeContext(0x12345679)));
    }

    [Fact]
    public void Read_OurOwnRequestReflected_NotRecognized()
    {
        Assert.Equal(
            new UdpAnswer(UdpProtocol.Cldap, false, "99 bytes, an LDAP message but not a search result"),
            _payload.Read(_payload.Build(Context), Context));
    }

    [Fact]
    public void Read_ServerText_Escaped()
    {
        // dnsHostName's value "dc1.example.test" (16 bytes at offset 33) replaced by an ESC sequence and CR LF.
        var datagram = (byte[])DcAnswer.Clone();
        "\u001b[2J\r\nevil.test\u0007"u8.ToArray().CopyTo(datagram, 33);

        var answer = _payload.Read(datagram, Context);

        Assert.True(answer.Recognized);
        Assert.StartsWith("rootDSE: dnsHostName \\x1b[2J\\r\\nevil.test\\x07", answer.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EveryTruncation_NeverRecognized()
    {
        for (var length = 0; length < Refusal.Length; length++)
        {
            Assert.False(_payload.Read(Refusal.AsSpan(0, length), Context).Recognized);
        }

        // These datagrams hold two messages: cut right after the entry, the entry alone is still an answer.
        foreach (var (answer, entryLength) in new[] { (SambaAnswer, 127), (DcAnswer, 127), (Rfc1798Answer, 51) })
        {
            for (var length = 0; length < answer.Length; length++)
            {
                Assert.Equal(length == entryLength, _payload.Read(answer.AsSpan(0, length), Context).Recognized);
            }
        }
    }

    [Fact]
    public void Read_HugeLengthsAndGarbage_NeverThrowNorRecognized()
    {
        Assert.False(_payload.Read(Convert.FromHexString("3084ffffffff020101"), Context).Recognized);
        Assert.False(_payload.Read(Convert.FromHexString("300c020412345678650400000000"), Context).Recognized);
        var random = new Random(389);
        for (var i = 0; i < 5000; i++)
        {
            var datagram = new byte[random.Next(0, 300)];
            random.NextBytes(datagram);
            Assert.False(_payload.Read(datagram, Context).Recognized);
        }
    }

    [Fact]
    public void Read_AnswersWithRandomBytes_NeverThrow()
    {
        var random = new Random(390);
        foreach (var answer in new[] { SambaAnswer, DcAnswer, Refusal, Rfc1798Answer })
        {
            for (var i = 0; i < 3000; i++)
            {
                var datagram = (byte[])answer.Clone();
                datagram[random.Next(datagram.Length)] = (byte)random.Next(256);
                datagram[random.Next(datagram.Length)] = (byte)random.Next(256);
                Assert.DoesNotContain('\u001b', _payload.Read(datagram, Context).Summary);
            }
        }
    }

    [Fact]
    public void SharedChecks_CutsGarbageAndMutations()
    {
        PayloadChecks.NoPrefixIsRecognized(_payload, Refusal, Context); // the others hold two messages, see above

        foreach (var answer in new[] { SambaAnswer, DcAnswer, Refusal, Rfc1798Answer })
        {
            PayloadChecks.GarbageNeverThrows(_payload, answer, Context);
            PayloadChecks.MutationsNeverThrow(_payload, answer, Context);
        }
    }
}
