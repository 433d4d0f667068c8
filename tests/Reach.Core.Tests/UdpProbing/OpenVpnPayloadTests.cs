using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>OpenVPN's client hard reset, read back from a real OpenVPN server.</summary>
public class OpenVpnPayloadTests
{
    private static readonly UdpProbeContext Context = new(0x1234ABCD);

    // OpenVPN 2.6.14 (Debian 12, `openvpn --dev null --proto udp --local 127.0.0.1 --tls-server` with test certificates,
    // no tls-auth) answering Build(Context): P_CONTROL_HARD_RESET_SERVER_V2, its session id, 1 ack (packet 0), our
    // session id, packet id 0.
    private static readonly byte[] Captured = Convert.FromHexString("40b9fc203352f11fae01000000001234abcd7276706e00000000");

    private readonly OpenVpnPayload _payload = new();

    [Fact]
    public void Build_IsAClientHardResetV2_WithOurSessionId_NoAcks_PacketIdZero()
    {
        // opcode 7 << 3 | key id 0, session id (id + "rvpn"), ack array length 0, message packet id 0
        Assert.Equal(Convert.FromHexString("381234abcd7276706e0000000000"), _payload.Build(Context));
        Assert.Equal([1194], _payload.Ports);
        Assert.Equal(UdpProtocol.OpenVpn, _payload.Protocol);
    }

    [Fact]
    public void Read_CapturedAnswer_IsAnOpenVpnServer()
    {
        var answer = _payload.Read(Captured, Context);

        Assert.True(answer.Recognized);
        Assert.Equal("OpenVPN server (hard reset answered)", answer.Summary);
    }

    [Fact]
    public void Read_AnotherSession_IsNotRecognized()
    {
        var answer = _payload.Read(Captured, new UdpProbeContext(0x1234ABCE));

        Assert.False(answer.Recognized);
        Assert.Equal("26 bytes, not an OpenVPN answer", answer.Summary);
    }

    [Fact]
    public void Read_AnotherOpcode_OrAHugeAckCount_IsNotRecognized()
    {
        var clientReset = (byte[])Captured.Clone();
        clientReset[0] = 0x38;
        var hugeAcks = (byte[])Captured.Clone();
        hugeAcks[9] = 0xFF;

        Assert.False(_payload.Read(clientReset, Context).Recognized);
        Assert.False(_payload.Read(hugeAcks, Context).Recognized);
    }

    [Fact]
    public void Read_EveryTruncation_IsNotRecognized()
    {
        PayloadChecks.NoPrefixIsRecognized(_payload, Captured, Context);
    }

    [Fact]
    public void Read_RandomGarbage_NeverThrows_NorIsRecognized()
    {
        // A server reset with any key id, random after.
        PayloadChecks.RandomDatagramsAreNotRecognized(_payload, Context, seed: 1194, g =>
        {
            if (g.Length > 0)
            {
                g[0] = (byte)(0x40 | (g[0] & 0x07));
            }
        });
    }
}
