using System.Buffers.Binary;
using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>NTP: the RFC 5905 client request, and chrony's real answer to it.</summary>
public class NtpPayloadTests
{
    private static readonly UdpProbeContext Context = new(0x12345678);

    /// <summary>
    /// chrony 4.3 (Debian 12, <c>local stratum 8</c>, <c>allow 127.0.0.1</c>) answering <see cref="Context"/>'s
    /// request in a network namespace: LI 0, VN 4, mode 4, stratum 8, reference 127.127.1.1 (its local clock), origin
    /// 12345678 edcba987 (our transmit timestamp).
    /// </summary>
    private static readonly byte[] ChronyAnswer = Convert.FromHexString(
        "240800e700000000000000007f7f0101eec20e12688af7eb12345678edcba987eec20e1411488d1beec20e14115f0414");

    /// <summary>The same chrony without <c>local stratum</c> and without sources: LI 3, stratum 0, reference id 0.</summary>
    private static readonly byte[] ChronyUnsynchronized = Convert.FromHexString(
        "e40000e6000100000001000000000000000000000000000012345678edcba987eec2117fb65129b1eec2117fb66bb27e");

    private readonly NtpPayload _payload = new();

    [Fact]
    public void Build_IsAVersion4ClientRequest_WithTheIdInTheTransmitTimestamp()
    {
        var packet = _payload.Build(Context);

        Assert.Equal(48, packet.Length);
        Assert.Equal(0x23, packet[0]); // LI 0, VN 4, mode 3 (client)
        Assert.All(packet[1..40], b => Assert.Equal(0, b)); // stratum, poll, precision, root delay/dispersion, ref id, ref/origin/receive timestamps
        Assert.Equal(0x12345678_EDCBA987UL, BinaryPrimitives.ReadUInt64BigEndian(packet.AsSpan(40)));
    }

    [Fact]
    public void Build_TransactionIdZero_TransmitIsNotZero()
    {
        // An all-zero origin is "no timestamp" in RFC 5905: a server could echo it for any request.
        Assert.Equal(0x00000000_FFFFFFFFUL, BinaryPrimitives.ReadUInt64BigEndian(_payload.Build(new UdpProbeContext(0)).AsSpan(40)));
    }

    [Fact]
    public void Ports_Is123() => Assert.Equal([123], _payload.Ports);

    [Fact]
    public void Read_ChronyAnswer_StratumAndReference()
    {
        var answer = _payload.Read(ChronyAnswer, Context);

        Assert.Equal(new UdpAnswer(UdpProtocol.Ntp, true, "NTPv4 server, stratum 8, reference 127.127.1.1"), answer);
    }

    [Fact]
    public void Read_ChronyUnsynchronized_IsNoKiss()
    {
        Assert.Equal(new UdpAnswer(UdpProtocol.Ntp, true, "NTPv4 server, stratum unspecified, clock unsynchronized"),
            _payload.Read(ChronyUnsynchronized, Context));
    }

    [Fact]
    public void Read_AnswerToAnotherRequest_NotRecognized()
    {
        var answer = _payload.Read(ChronyAnswer, new UdpProbeContext(0x12345679));

        Assert.False(answer.Recognized);
        Assert.Contains("origin timestamp differs", answer.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_OurOwnRequestReflected_NotRecognized()
    {
        // Mode 3 coming back (an echo service, a reflector) is not a server's answer.
        var answer = _payload.Read(_payload.Build(Context), Context);

        Assert.Equal(new UdpAnswer(UdpProtocol.Ntp, false, "48 bytes, not an NTP server answer"), answer);
    }

    // Built from RFC 5905 §7.3/§7.4 by editing chrony's answer (its rate limiting did not send a kiss here).
    [Theory]
    [InlineData(0x24, 0, "RATE", "NTPv4 server, kiss-o'-death RATE")]
    [InlineData(0x24, 1, "GPS\0", "NTPv4 server, stratum 1, reference GPS")]
    [InlineData(0x24, 1, "\u001b[2J", "NTPv4 server, stratum 1, reference \\x1b[2J")]
    [InlineData(0x64, 2, "\u00c0\u0000\u0002\u0001", "NTPv4 server, stratum 2, reference 192.0.2.1, leap second to insert")]
    [InlineData(0xA4, 3, "\u00c0\u0000\u0002\u0001", "NTPv4 server, stratum 3, reference 192.0.2.1, leap second to delete")]
    [InlineData(0xE4, 16, "INIT", "NTPv4 server, stratum 16, clock unsynchronized")]
    [InlineData(0x1C, 2, "\u00c0\u0000\u0002\u0001", "NTPv3 server, stratum 2, reference 192.0.2.1")]
    public void Read_EditedAnswers_InWords(int first, int stratum, string referenceId, string expected)
    {
        var datagram = (byte[])ChronyAnswer.Clone();
        datagram[0] = (byte)first;
        datagram[1] = (byte)stratum;
        System.Text.Encoding.Latin1.GetBytes(referenceId).CopyTo(datagram, 12);

        Assert.Equal(new UdpAnswer(UdpProtocol.Ntp, true, expected), _payload.Read(datagram, Context));
    }

    [Fact]
    public void Read_ExtensionFieldsAfterTheHeader_StillRead()
    {
        var datagram = ChronyAnswer.Concat(new byte[20]).ToArray();

        Assert.True(_payload.Read(datagram, Context).Recognized);
    }

    [Fact]
    public void Read_EveryTruncation_NeverRecognized()
    {
        foreach (var captured in new[] { ChronyAnswer, ChronyUnsynchronized })
        {
            for (var length = 0; length < captured.Length; length++)
            {
                var answer = _payload.Read(captured.AsSpan(0, length), Context);
                Assert.False(answer.Recognized);
                Assert.Equal($"{length} bytes, not an NTP server answer", answer.Summary);
            }
        }
    }

    [Fact]
    public void Read_RandomGarbage_NeverThrowsNorRecognized()
    {
        var random = new Random(123);
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
        var random = new Random(124);
        for (var i = 0; i < 5000; i++)
        {
            var datagram = (byte[])ChronyAnswer.Clone();
            datagram[random.Next(datagram.Length)] = (byte)random.Next(256);
            var answer = _payload.Read(datagram, Context);
            Assert.DoesNotContain('\u001b', answer.Summary);
        }
    }

    [Fact]
    public void SharedChecks_CutsGarbageAndMutations()
    {
        foreach (var answer in new[] { ChronyAnswer, ChronyUnsynchronized })
        {
            PayloadChecks.NoPrefixIsRecognized(_payload, answer, Context);
        }

        foreach (var answer in new[] { ChronyAnswer, ChronyUnsynchronized })
        {
            PayloadChecks.GarbageNeverThrows(_payload, answer, Context);
            PayloadChecks.MutationsNeverThrow(_payload, answer, Context);
        }
    }
}
