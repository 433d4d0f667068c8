using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>STUN's Binding Request, read back from coturn and from RFC 5769-shaped answers.</summary>
public class StunPayloadTests
{
    private static readonly UdpProbeContext Context = new(0x1234ABCD);

    // coturn 4.6.1 (Debian 12, `turnserver -n --listening-ip=127.0.0.1 --no-tls --no-dtls`) answering Build(Context) sent
    // from 127.0.0.1:42146: XOR-MAPPED-ADDRESS, MAPPED-ADDRESS, RESPONSE-ORIGIN, SOFTWARE "Coturn-4.6.1 'Gorst'".
    private static readonly byte[] Captured = Convert.FromHexString(
        "0101003c2112a4421234abcd726561636875647000200008000185b05e12a443000100080001a4a27f000001802b000800010d967f00000180220014436f7475726e2d342e362e312027476f72737427");

    private readonly StunPayload _payload = new();

    [Fact]
    public void Build_IsABindingRequest_WithTheCookie_AndTheIdInTheTransactionId()
    {
        // RFC 8489 §5: type 0x0001, length 0, magic cookie 0x2112A442, 96-bit transaction id
        Assert.Equal(Convert.FromHexString("000100002112a4421234abcd7265616368756470"), _payload.Build(Context));
        Assert.Equal([3478], _payload.Ports);
        Assert.Equal(UdpProtocol.Stun, _payload.Protocol);
    }

    [Fact]
    public void Read_CapturedAnswer_GivesTheMappedAddress_AndTheSoftware()
    {
        var answer = _payload.Read(Captured, Context);

        Assert.True(answer.Recognized);
        Assert.Equal("mapped address 127.0.0.1:42146, software Coturn-4.6.1 'Gorst'", answer.Summary);
    }

    [Fact]
    public void Read_XorMappedIPv6_IsXoredWithCookieAndTransactionId()
    {
        // RFC 5769 §2.3's address, 2001:db8:1234:5678:11:2233:4455:6677 port 32853, XOR-ed with this probe's ids
        byte[] answer = [.. Header(0x0101, 24), .. Convert.FromHexString("002000140002a1470113a9fa0000fdb5727443502c200207")];

        Assert.Equal("mapped address [2001:db8:1234:5678:11:2233:4455:6677]:32853", _payload.Read(answer, Context).Summary);
    }

    [Fact]
    public void Read_ErrorResponse_GivesCodeAndReason()
    {
        byte[] answer = [.. Header(0x0111, 20), .. Convert.FromHexString("000900100000040142616420526571756573740a")];

        var read = _payload.Read(answer, Context);

        Assert.True(read.Recognized);
        Assert.Equal("error 401: Bad Request\\n", read.Summary);
    }

    [Fact]
    public void Read_AnotherTransactionId_IsNotRecognized()
    {
        var answer = _payload.Read(Captured, new UdpProbeContext(0x1234ABCC));

        Assert.False(answer.Recognized);
        Assert.Equal("80 bytes, not a STUN answer", answer.Summary);
    }

    [Fact]
    public void Read_AttributeLongerThanTheMessage_IsNotRecognized()
    {
        byte[] lying = [.. Header(0x0101, 8), .. Convert.FromHexString("80220fff41424344")];

        Assert.False(_payload.Read(lying, Context).Recognized);
    }

    [Fact]
    public void Read_EveryTruncation_IsNotRecognized()
    {
        PayloadChecks.NoPrefixIsRecognized(_payload, Captured, Context);
    }

    [Fact]
    public void Read_RandomGarbage_NeverThrows_NorIsRecognized()
    {
        var random = new Random(3478);
        for (var i = 0; i < 2000; i++)
        {
            var garbage = new byte[random.Next(0, 1500)];
            random.NextBytes(garbage);
            Assert.False(_payload.Read(garbage, Context).Recognized);

            // with a valid header, random attributes are walked within the bytes at hand
            if (garbage.Length >= 20)
            {
                Header(0x0101, (garbage.Length - 20) & ~3).CopyTo(garbage, 0);
                _ = _payload.Read(garbage, Context);
            }
        }
    }

    private static byte[] Header(ushort type, int length)
    {
        byte[] header = [.. Convert.FromHexString("000000002112a4421234abcd7265616368756470")];
        header[0] = (byte)(type >> 8);
        header[1] = (byte)type;
        header[2] = (byte)(length >> 8);
        header[3] = (byte)length;
        return header;
    }
}
