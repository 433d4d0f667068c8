using System.Buffers.Binary;
using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>IKEv2's IKE_SA_INIT request, read back from strongSwan and from answers built from RFC 7296.</summary>
public class IkePayloadTests
{
    private static readonly UdpProbeContext Context = new(0x1234ABCD);

    // strongSwan 5.9.8's charon (Debian 12, no connection configured) answering Build(Context) on 500:
    // an IKE_SA_INIT response holding one notify, NO_PROPOSAL_CHOSEN (14).
    private static readonly byte[] Captured = Convert.FromHexString(
        "1234abcd72696b65562a102051126290292022200000000000000024000000080000000e");

    // The same charon answering Build(Context) sent to 4500 behind the non-ESP marker: its answer carries the marker.
    private static readonly byte[] CapturedOn4500 = Convert.FromHexString(
        "000000001234abcd72696b65339685b7582ea679292022200000000000000024000000080000000e");

    private readonly IkePayload _payload = new();

    [Fact]
    public void Build_IsAnIkeSaInitRequest_AsRfc7296Lays_ItOut()
    {
        var request = _payload.Build(Context);

        // header: initiator SPI (id + "rike"), responder SPI 0, next payload SA, version 2.0, IKE_SA_INIT, Initiator flag,
        // message id 0, length 376
        Assert.Equal(Convert.FromHexString("1234abcd72696b650000000000000000212022080000000000000178"), request[..28]);
        Assert.Equal(376, request.Length);

        // SA (next KE, 48 bytes): one IKE proposal of 4 transforms: ENCR_AES_CBC with key length 128, PRF_HMAC_SHA2_256,
        // AUTH_HMAC_SHA2_256_128, D-H group 14
        Assert.Equal(
            Convert.FromHexString("22000030" + "0000002c01010004" + "0300000c0100000c800e0080" + "0300000802000005" + "030000080300000c" + "000000080400000e"),
            request[28..76]);

        // KE (next Nonce, 264 bytes): group 14, reserved, a 256-byte value below the group's prime
        Assert.Equal(Convert.FromHexString("28000108000e0000"), request[76..84]);
        Assert.True(request[84] < 0x80);

        // Nonce (last, 36 bytes): a 32-byte nonce, different from the KE's bytes
        Assert.Equal(Convert.FromHexString("00000024"), request[340..344]);
        Assert.NotEqual(request[84..116], request[344..376]);

        Assert.Equal(request, _payload.Build(Context)); // deterministic from the id
        Assert.NotEqual(request[84..], _payload.Build(new UdpProbeContext(0x1234ABCE))[84..]);
        Assert.Equal([500], _payload.Ports);
        Assert.Equal(UdpProtocol.Ike, _payload.Protocol);
    }

    [Fact]
    public void Read_CapturedNoProposalChosen_WithOrWithoutTheNonEspMarker()
    {
        Assert.Equal(new UdpAnswer(UdpProtocol.Ike, true, "IKEv2 NO_PROPOSAL_CHOSEN"), _payload.Read(Captured, Context));
        Assert.Equal(new UdpAnswer(UdpProtocol.Ike, true, "IKEv2 NO_PROPOSAL_CHOSEN"), _payload.Read(CapturedOn4500, Context));
    }

    [Fact]
    public void Read_InvalidKePayload_NamesTheGroupTheResponderWants()
    {
        // built from RFC 7296 §1.3, §3.10.1: a notify (10 bytes) of type 17 whose data is the DH group, here 19 (ECP-256)
        var answer = Convert.FromHexString("1234abcd72696b65562a102051126290292022200000000000000026000000" + "0a000000110013");

        Assert.Equal("IKEv2 INVALID_KE_PAYLOAD, wants DH group 19", _payload.Read(answer, Context).Summary);
    }

    [Fact]
    public void Read_ResponderIkeSaInit_IsAnswered_WithItsGroup()
    {
        // built from RFC 7296 §1.2: the responder's SA, KE, Nr in the request's layout, with its SPI and the Response flag
        var answer = _payload.Build(Context);
        Captured.AsSpan(8, 8).CopyTo(answer.AsSpan(8));
        answer[19] = 0x20;

        Assert.Equal(new UdpAnswer(UdpProtocol.Ike, true, "IKEv2 IKE_SA_INIT answered, DH group 14"), _payload.Read(answer, Context));
    }

    [Fact]
    public void Read_AnotherSpi_OrOurOwnRequest_IsNotRecognized()
    {
        var answer = _payload.Read(Captured, new UdpProbeContext(0x1234ABCE));

        Assert.False(answer.Recognized);
        Assert.Equal("36 bytes, not an IKEv2 answer", answer.Summary);
        Assert.False(_payload.Read(_payload.Build(Context), Context).Recognized); // no Response flag: a reflection
    }

    [Fact]
    public void Read_PayloadLongerThanTheMessage_IsNotRecognized()
    {
        var lying = (byte[])Captured.Clone();
        BinaryPrimitives.WriteUInt16BigEndian(lying.AsSpan(30), 0x0100);

        Assert.False(_payload.Read(lying, Context).Recognized);
    }

    [Fact]
    public void Read_EveryTruncation_IsNotRecognized()
    {
        foreach (var captured in new[] { Captured, CapturedOn4500 })
        {
            PayloadChecks.NoPrefixIsRecognized(_payload, captured, Context);
        }
    }

    [Fact]
    public void Read_RandomGarbage_NeverThrows_NorIsRecognized()
    {
        var random = new Random(500);
        for (var i = 0; i < 2000; i++)
        {
            var garbage = new byte[random.Next(0, 1500)];
            random.NextBytes(garbage);
            Assert.False(_payload.Read(garbage, Context).Recognized);

            // behind our header, random payloads are walked within the bytes at hand
            if (garbage.Length >= 28)
            {
                Captured.AsSpan(0, 24).CopyTo(garbage);
                BinaryPrimitives.WriteUInt32BigEndian(garbage.AsSpan(24), (uint)garbage.Length);
                _ = _payload.Read(garbage, Context);
            }
        }
    }
}
