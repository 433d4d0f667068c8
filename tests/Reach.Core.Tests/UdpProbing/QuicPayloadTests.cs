using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>QUIC's reserved-version Initial and the Version Negotiation it draws (RFC 9000 §6, §17.2.1; RFC 8999).</summary>
public class QuicPayloadTests
{
    private static readonly UdpProbeContext Context = new(0x1234ABCD);

    // Built from RFC 9000 §17.2.1 byte by byte (no QUIC server in Debian 12 to capture from): first byte 0x80 | unused
    // bits, version 0, DCID = our SCID "reach-sc", SCID = our DCID (id + "quic"), versions 1, draft-29, 2 (RFC 9369) and
    // a reserved one as servers add (RFC 9000 §6.3).
    private static readonly byte[] VersionNegotiation = Convert.FromHexString(
        "b5000000000872656163682d7363081234abcd7175696300000001ff00001d6b3343cf9a7a8aba");

    private const int HeaderLength = 23; // first byte, version, two connection ids of 8 with their lengths

    private readonly QuicPayload _payload = new();

    [Fact]
    public void Build_IsAnInitial_OfAReservedVersion_PaddedTo1200()
    {
        var request = _payload.Build(Context);

        // long header + fixed bit + Initial, version 0x1a2a3a4a (0x?a?a?a?a), DCID (8: id + "quic"), SCID (8: "reach-sc"),
        // token length 0, length 1174 (2-byte varint 0x4496), packet number 0, then PADDING
        Assert.Equal(Convert.FromHexString("c01a2a3a4a081234abcd7175696308" + "72656163682d7363" + "00" + "4496" + "00"), request[..27]);
        Assert.Equal(1200, request.Length);
        Assert.Equal(1200 - 26, 0x4496 & 0x3FFF);
        Assert.All(request[27..], b => Assert.Equal(0, b));
        Assert.Equal([443], _payload.Ports);
        Assert.Equal(UdpProtocol.Quic, _payload.Protocol);
    }

    [Fact]
    public void Read_VersionNegotiation_ListsTheVersions_NotTheReservedOne()
    {
        var answer = _payload.Read(VersionNegotiation, Context);

        Assert.True(answer.Recognized);
        Assert.Equal("QUIC versions: 1, draft-29, 2", answer.Summary);
    }

    [Fact]
    public void Read_GoogleAndUnknownVersions_AreNamed_AndALongListIsCut()
    {
        byte[] google = [.. VersionNegotiation.AsSpan(0, HeaderLength), .. "Q050T051"u8.ToArray(), 0xFA, 0xCE, 0xB0, 0x02];
        var many = new byte[HeaderLength + (4 * 20)];
        VersionNegotiation.AsSpan(0, HeaderLength).CopyTo(many);
        for (var i = HeaderLength + 3; i < many.Length; i += 4)
        {
            many[i] = 1;
        }

        Assert.Equal("QUIC versions: Q050, T051, 0xfaceb002", _payload.Read(google, Context).Summary);
        Assert.Equal("QUIC versions: 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, …", _payload.Read(many, Context).Summary);
    }

    [Fact]
    public void Read_AnotherConnectionId_IsNotRecognized()
    {
        var answer = _payload.Read(VersionNegotiation, new UdpProbeContext(0x1234ABCE));

        Assert.False(answer.Recognized);
        Assert.Equal("39 bytes, not a QUIC version negotiation", answer.Summary);
        Assert.False(_payload.Read(_payload.Build(Context), Context).Recognized); // our Initial reflected: version is not 0
    }

    [Fact]
    public void Read_Truncations_AreNotRecognized_ButAtAVersionsEnd()
    {
        // a VN has no length field: cut after a whole version it is a shorter list, anywhere else it is malformed
        for (var length = 0; length < VersionNegotiation.Length; length++)
        {
            var answer = _payload.Read(VersionNegotiation.AsSpan(0, length), Context);
            var wholeVersions = length > HeaderLength && (length - HeaderLength) % 4 == 0;

            Assert.Equal(wholeVersions, answer.Recognized);
        }

        Assert.Equal("QUIC versions: 1", _payload.Read(VersionNegotiation.AsSpan(0, HeaderLength + 4), Context).Summary);
    }

    [Fact]
    public void Read_ConnectionIdLengthsPastTheEnd_AreNotRecognized()
    {
        var lying = (byte[])VersionNegotiation.Clone();
        lying[5] = 0xFF;
        var lyingScid = (byte[])VersionNegotiation.Clone();
        lyingScid[14] = 0xFF;

        Assert.False(_payload.Read(lying, Context).Recognized);
        Assert.False(_payload.Read(lyingScid, Context).Recognized);
    }

    [Fact]
    public void Read_RandomGarbage_NeverThrows_NorIsRecognized()
    {
        // Version 0 (a Version Negotiation): the connection ids and versions are random.
        PayloadChecks.RandomDatagramsAreNotRecognized(_payload, Context, seed: 443, g =>
        {
            if (g.Length >= 5)
            {
                g[0] |= 0x80;
                g.AsSpan(1, 4).Clear();
            }
        });
    }
}
