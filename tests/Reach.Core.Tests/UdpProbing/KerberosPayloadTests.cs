using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>Kerberos: the RFC 4120 AS-REQ for reach-probe, and MIT krb5kdc's real answers to it.</summary>
public class KerberosPayloadTests
{
    private static readonly UdpProbeContext Context = new(0x12345678, "kdc.example.test");

    /// <summary>
    /// The AS-REQ for <see cref="Context"/>, DER by hand from RFC 4120 §5.4.1: [APPLICATION 10] { pvno [1] 5,
    /// msg-type [2] 10, req-body [4] { kdc-options [0] 32 zero bits, cname [1] { NT-PRINCIPAL, "reach-probe" },
    /// realm [2] "EXAMPLE.TEST", sname [3] { NT-SRV-INST, "krbtgt", "EXAMPLE.TEST" }, till [5] 20370913024805Z,
    /// nonce [7] 0x12345678, etype [8] { 18 } } }.
    /// </summary>
    private const string Request =
        "6a8189308186a103020105a20302010aa47a3078a00703050000000000a1183016a003020101a10f300d1b0b72656163682d70726f6265" +
        "a20e1b0c4558414d504c452e54455354a321301fa003020102a11830161b066b72627467741b0c4558414d504c452e54455354" +
        "a511180f32303337303931333032343830355aa706020412345678a8053003020112";

    // MIT krb5kdc 1.20.1 (Debian 12, realm EXAMPLE.TEST made with kdb5_util in a temp dir, krb5kdc -n in a network
    // namespace) answering this payload's AS-REQs. A KDC resends its previous answer to a repeated request, so each
    // capture used another nonce.

    /// <summary>No such principal: KDC_ERR_C_PRINCIPAL_UNKNOWN (6), e-text CLIENT_NOT_FOUND.</summary>
    private static readonly byte[] PrincipalUnknown = Convert.FromHexString(
        "7e819d30819aa003020105a10302011ea411180f32303236313230383035313034355aa5050203076dc6a603020106a70e1b0c4558414d" +
        "504c452e54455354a8183016a003020101a10f300d1b0b72656163682d70726f6265a90e1b0c4558414d504c452e54455354aa21301fa0" +
        "03020102a11830161b066b72627467741b0c4558414d504c452e54455354ab121b10434c49454e545f4e4f545f464f554e44");

    /// <summary>Asked in OTHER.TEST (a realm the KDC does not serve): MIT answers unknown principal, in that realm.</summary>
    private static readonly byte[] OtherRealm = Convert.FromHexString(
        "7e8197308194a003020105a10302011ea411180f32303236313230383035313034365aa50502030878cfa603020106a70c1b0a4f544845" +
        "522e54455354a8183016a003020101a10f300d1b0b72656163682d70726f6265a90c1b0a4f544845522e54455354aa1f301da003020102" +
        "a11630141b066b72627467741b0a4f544845522e54455354ab121b10434c49454e545f4e4f545f464f554e44");

    /// <summary>reach-probe added with +requires_preauth: KDC_ERR_PREAUTH_REQUIRED (25) with its e-data (PA-ETYPE-INFO2…).</summary>
    private static readonly byte[] PreauthRequired = Convert.FromHexString(
        "7e81f63081f3a003020105a10302011ea411180f32303236313230383035313130315aa50502030b3d97a603020119a70e1b0c4558414d" +
        "504c452e54455354a8183016a003020101a10f300d1b0b72656163682d70726f6265a90e1b0c4558414d504c452e54455354aa21301fa0" +
        "03020102a11830161b066b72627467741b0c4558414d504c452e54455354ab101b0e4e45454445445f50524541555448ac590457305530" +
        "0aa10402020088a2020400302da103020113a226042430223020a003020112a1191b174558414d504c452e5445535472656163682d7072" +
        "6f62653009a103020102a2020400300da10402020085a20504034d4954");

    /// <summary>reach-probe without pre-authentication: an AS-REP (its ticket and enc-part are under the lab's throwaway keys).</summary>
    private static readonly byte[] AsRep = Convert.FromHexString(
        "6b82030430820300a003020105a10302010ba231302f302da103020113a226042430223020a003020112a1191b174558414d504c452e54" +
        "455354726561636" + "82d70726f6265a30e1b0c4558414d504c452e54455354a4183016a003020101a10f300d1b0b72656163682d7072" +
        "6f6265a58201ad618201a9308201a5a003020105a10e1b0c4558414d504c452e54455354a221301fa003020102a11830161b066b726274" +
        "67741b0c4558414d504c452e54455354a382016930820165a003020112a103020101a2820157048201538f99e68c8aa7debf666ecd761b" +
        "1878c65c3abbf0034d6c174917249bb7dce70ef283f831f1ea9ab94598735b9c328e63816e6037bd7bd5f93df1e443381846503988d234" +
        "a476deedfda5bdd563a71bbdba49f3e3367b3e5baea537d206d4422dc84f31c9d8af1c48391e735a98b6beba0ecf952f6ed0f2e15e6a7d" +
        "8e7a4603c1488092b3beb8ad1c07007f05036d7e5ff64911980ffdd62f111a693a70fae5d281834fcff4f6e72d11b36402877b4e13ef51" +
        "7ce467e8a6b77fecebcc08ee32b5a221e985b2c224aa039e994c46c03038b7abfc7f608766a40f6c10e10e9124d5e9ab0f886bebd58081" +
        "73fe4ef48acef548b75cdd8f14c354314459320b43b1ebdde9f66f49bb2c391dc43735cf02208dc9474c3174236a71855b9fd887348b92" +
        "33330003cbafd4b2da070e88f20574100dc1fc6c121cc751d32092e25ba905fc4b2e6431751be52ee744ed986406c889d6e0d2a681e530" +
        "81e2a003020112a281da0481d780b7d1bef96214795f0acf28850c6a45008be776c44d09676b554136367afaa0a2df76680a5b28886c1f" +
        "e62f9e630cbeda06174f98b3e75fa8dd98a62f7e1a7182c745e30860359ee4b192ea890a46c33c638d5fe687d0579d7b6047977623e1e9" +
        "b723d21c2308cd989415d9a97fd32198ffcb834332c114306b10ea16c10531d20f621f836f3adf00fc5a625e8bd05ed7df7ec357fd32ea" +
        "9a89afcb4e75c0c88b5488dba33f657cd81f006deb56887fdf070be08be1dd0c48dc069d6ac414cf515319f10117ec36e40275e5289fd2" +
        "11e1c52d6c500b8f");

    /// <summary>
    /// Samba 4.17.12's KDC (Heimdal, Debian 12, an AD DC provisioned for EXAMPLE.TEST in a network namespace) to an
    /// AS-REQ with nonce 0x22345678: KDC_ERR_C_PRINCIPAL_UNKNOWN without e-text. Samba's kpasswd on 464 answered the
    /// same AS-REQ with nothing, as MIT kadmind did.
    /// </summary>
    private static readonly byte[] SambaPrincipalUnknown = Convert.FromHexString(
        "7e8189308186a003020105a10302011ea411180f32303236313230383035313632365aa50502030bc124a603020106a70e1b0c4558414d" +
        "504c452e54455354a8183016a003020101a10f300d1b0b72656163682d70726f6265a90e1b0c4558414d504c452e54455354aa21301fa0" +
        "03020102a11830161b066b72627467741b0c4558414d504c452e54455354");

    /// <summary>The same Samba KDC asked in OTHER.TEST (nonce 0x22345679): unknown principal, in that realm.</summary>
    private static readonly byte[] SambaOtherRealm = Convert.FromHexString(
        "7e8183308180a003020105a10302011ea411180f32303236313230383035313633305aa50502030c4a68a603020106a70c1b0a4f544845" +
        "522e54455354a8183016a003020101a10f300d1b0b72656163682d70726f6265a90c1b0a4f544845522e54455354aa1f301da003020102" +
        "a11630141b066b72627467741b0a4f544845522e54455354");

    private readonly KerberosPayload _payload = new();

    [Fact]
    public void Build_IsTheAsReqOfRfc4120()
    {
        Assert.Equal(Request, Convert.ToHexStringLower(_payload.Build(Context)));
    }

    [Theory]
    [InlineData("kdc.example.test", "EXAMPLE.TEST")]
    [InlineData("dc1.corp.example.test.", "CORP.EXAMPLE.TEST")]
    [InlineData("localhost", "REACH.INVALID")]
    [InlineData("192.0.2.1", "REACH.INVALID")]
    [InlineData("::1", "REACH.INVALID")]
    [InlineData("[2001:db8::1]", "REACH.INVALID")]
    [InlineData("kdc.bücher.test", "REACH.INVALID")]
    [InlineData(null, "REACH.INVALID")]
    public void Realm_IsTheHostsDomainUpperCased(string? hostName, string realm)
    {
        Assert.Equal(realm, KerberosPayload.Realm(hostName));
        Assert.Contains(Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(realm)),
            Convert.ToHexStringLower(_payload.Build(new UdpProbeContext(1, hostName))), StringComparison.Ordinal);
    }

    [Fact]
    public void Build_LongRealm_UsesLongFormLengths()
    {
        var host = "kdc." + string.Join('.', Enumerable.Repeat(new string('a', 60), 3));
        var request = _payload.Build(new UdpProbeContext(1, host));

        // The realm's GeneralString: tag 0x1b, long-form length 0x81 0xb6 (182 characters).
        Assert.Contains("1b81b6", Convert.ToHexStringLower(request), StringComparison.Ordinal);
        Assert.Equal(new UdpAnswer(UdpProtocol.Kerberos, false, $"{request.Length} bytes, not a Kerberos answer"),
            _payload.Read(request, Context)); // our own request reflected is not an answer
    }

    [Fact]
    public void Ports_Are88And464() => Assert.Equal([88, 464], _payload.Ports);

    [Fact]
    public void Read_PrincipalUnknown()
    {
        Assert.Equal(new UdpAnswer(UdpProtocol.Kerberos, true, "KRB-ERROR KDC_ERR_C_PRINCIPAL_UNKNOWN, realm EXAMPLE.TEST"),
            _payload.Read(PrincipalUnknown, Context));
    }

    [Fact]
    public void Read_OtherRealm_NamesTheRealmTheKdcAnsweredFor()
    {
        Assert.Equal(new UdpAnswer(UdpProtocol.Kerberos, true, "KRB-ERROR KDC_ERR_C_PRINCIPAL_UNKNOWN, realm OTHER.TEST"),
            _payload.Read(OtherRealm, Context));
    }

    [Fact]
    public void Read_SambaKdc()
    {
        Assert.Equal(new UdpAnswer(UdpProtocol.Kerberos, true, "KRB-ERROR KDC_ERR_C_PRINCIPAL_UNKNOWN, realm EXAMPLE.TEST"),
            _payload.Read(SambaPrincipalUnknown, Context));
        Assert.Equal(new UdpAnswer(UdpProtocol.Kerberos, true, "KRB-ERROR KDC_ERR_C_PRINCIPAL_UNKNOWN, realm OTHER.TEST"),
            _payload.Read(SambaOtherRealm, Context));
    }

    [Fact]
    public void Read_PreauthRequired()
    {
        Assert.Equal(new UdpAnswer(UdpProtocol.Kerberos, true, "KRB-ERROR KDC_ERR_PREAUTH_REQUIRED, realm EXAMPLE.TEST"),
            _payload.Read(PreauthRequired, Context));
    }

    [Fact]
    public void Read_AsRep()
    {
        Assert.Equal(new UdpAnswer(UdpProtocol.Kerberos, true, "AS-REP for reach-probe@EXAMPLE.TEST without pre-authentication"),
            _payload.Read(AsRep, Context));
    }

    [Fact]
    public void Read_ErrorForAnotherClient_NotRecognized()
    {
        // "reach-probe" → "reach-probf" in cname [8]: someone else's error, not the answer to this probe.
        var datagram = (byte[])PrincipalUnknown.Clone();
        var at = Convert.ToHexStringLower(datagram).IndexOf("72656163682d70726f6265", StringComparison.Ordinal) / 2;
        datagram[at + 10] = (byte)'f';

        Assert.False(_payload.Read(datagram, Context).Recognized);
    }

    // Built from RFC 4120 §5.9.1 / RFC 6806 by editing the captured error: error-code [6] holds byte 46.
    [Theory]
    [InlineData(68, "KRB-ERROR KDC_ERR_WRONG_REALM, realm EXAMPLE.TEST")]
    [InlineData(37, "KRB-ERROR KRB_AP_ERR_SKEW, realm EXAMPLE.TEST")]
    [InlineData(99, "KRB-ERROR error 99, realm EXAMPLE.TEST")]
    public void Read_OtherErrorCodes_InWords(int code, string expected)
    {
        var datagram = (byte[])PrincipalUnknown.Clone();
        Assert.Equal(0x06, datagram[46]);
        datagram[46] = (byte)code;

        Assert.Equal(new UdpAnswer(UdpProtocol.Kerberos, true, expected), _payload.Read(datagram, Context));
    }

    [Fact]
    public void Read_EveryTruncation_NeverRecognized()
    {
        foreach (var captured in new[] { PrincipalUnknown, OtherRealm, PreauthRequired, AsRep, SambaPrincipalUnknown, SambaOtherRealm })
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
        Assert.False(_payload.Read(Convert.FromHexString("7e84ffffffff30"), Context).Recognized);
        Assert.False(_payload.Read(Convert.FromHexString("7e0430023000"), Context).Recognized);
        var random = new Random(88);
        for (var i = 0; i < 5000; i++)
        {
            var datagram = new byte[random.Next(0, 300)];
            random.NextBytes(datagram);
            Assert.False(_payload.Read(datagram, Context).Recognized);
        }
    }

    [Fact]
    public void Read_CapturedAnswersWithRandomBytes_NeverThrow()
    {
        var random = new Random(89);
        foreach (var captured in new[] { PrincipalUnknown, PreauthRequired, AsRep, SambaPrincipalUnknown })
        {
            for (var i = 0; i < 3000; i++)
            {
                var datagram = (byte[])captured.Clone();
                datagram[random.Next(datagram.Length)] = (byte)random.Next(256);
                datagram[random.Next(datagram.Length)] = (byte)random.Next(256);
                Assert.DoesNotContain('\u001b', _payload.Read(datagram, Context).Summary);
            }
        }
    }

    [Fact]
    public void SharedChecks_CutsGarbageAndMutations()
    {
        foreach (var answer in new[] { PrincipalUnknown, OtherRealm, PreauthRequired, AsRep, SambaPrincipalUnknown, SambaOtherRealm })
        {
            PayloadChecks.NoPrefixIsRecognized(_payload, answer, Context);
        }

        foreach (var answer in new[] { PrincipalUnknown, OtherRealm, PreauthRequired, AsRep, SambaPrincipalUnknown, SambaOtherRealm })
        {
            PayloadChecks.GarbageNeverThrows(_payload, answer, Context);
            PayloadChecks.MutationsNeverThrow(_payload, answer, Context);
        }
    }
}
