using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>memcached's <c>version</c> in the UDP frame, read back from a real memcached.</summary>
public class MemcachedPayloadTests
{
    private static readonly UdpProbeContext Context = new(0x1234ABCD);

    // memcached 1.6.18 (Debian 12, `memcached -U 11211 -l 127.0.0.1`) answering Build(Context).
    private static readonly byte[] Captured = Convert.FromHexString("abcd00000001000056455253494f4e20312e362e31380d0a");

    private readonly MemcachedPayload _payload = new();

    [Fact]
    public void Build_IsTheFrameHeaderWithTheRequestId_ThenVersion()
    {
        // request id = low 16 bits of the id, sequence 0, 1 datagram, reserved 0 (protocol.txt, "UDP protocol")
        byte[] expected = [.. Convert.FromHexString("abcd000000010000"), .. "version\r\n"u8.ToArray()];
        Assert.Equal(expected, _payload.Build(Context));
        Assert.Equal([11211], _payload.Ports);
        Assert.Equal(UdpProtocol.Memcached, _payload.Protocol);
    }

    [Fact]
    public void Read_CapturedAnswer_GivesTheVersion()
    {
        var answer = _payload.Read(Captured, Context);

        Assert.True(answer.Recognized);
        Assert.Equal("memcached 1.6.18", answer.Summary);
    }

    [Fact]
    public void Read_AnotherRequestId_IsNotRecognized()
    {
        var answer = _payload.Read(Captured, new UdpProbeContext(0x1234ABCE));

        Assert.False(answer.Recognized);
        Assert.Equal("24 bytes, not a memcached answer", answer.Summary);
    }

    [Fact]
    public void Read_AnotherLine_IsQuotedEscaped()
    {
        byte[] error = [.. Captured.AsSpan(0, 8), .. "SERVER_ERROR \x1b[2J\r\n"u8.ToArray()];

        var answer = _payload.Read(error, Context);

        Assert.True(answer.Recognized);
        Assert.Equal("memcached answered SERVER_ERROR \\x1b[2J", answer.Summary);
    }

    [Fact]
    public void Read_EveryTruncation_IsNotRecognized()
    {
        PayloadChecks.NoPrefixIsRecognized(_payload, Captured, Context);
    }

    [Fact]
    public void Read_RandomGarbage_NeverThrows_NorIsRecognized() =>
        PayloadChecks.RandomDatagramsAreNotRecognized(_payload, Context, seed: 16, g => g.AsSpan(0, Math.Min(2, g.Length)).Clear()); // never the request id 0xabcd
}
