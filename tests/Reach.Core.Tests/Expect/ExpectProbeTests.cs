using System.Net.Sockets;
using System.Text;
using Reach.Core.Tests.TestSupport;
using Reach.Expect;
using Reach.Text;

namespace Reach.Core.Tests.Expect;

/// <summary>Send and expect against loopback servers: a match, a wrong answer, silence, a close, byte-by-byte, a flood.</summary>
public class ExpectProbeTests
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendsTheString_AndMatchesTheAnswer_ShowingTheLineThatMatched()
    {
        var requests = new System.Collections.Concurrent.ConcurrentQueue<byte[]>();
        using var server = GreetingServer.Answering("+PONG\r\n"u8.ToArray(), requests);

        var report = await ExpectProbe.ProbeAsync(server.EndPoint, Options("+PONG", send: "PING\r\n"), ct);

        Assert.True(report.Matched, report.Error);
        Assert.Equal("PING\r\n"u8.ToArray(), Assert.Single(requests));
        Assert.Equal(("+PONG", 7, null), (report.Excerpt, report.BytesRead, report.Error));
    }

    [Fact]
    public async Task GreetingOnly_RegexOnASecondLine_ExcerptIsThatLine()
    {
        using var server = GreetingServer.Sending("220-mail.reach.test ESMTP\r\n220 ready\r\n"u8.ToArray());

        var report = await ExpectProbe.ProbeAsync(server.EndPoint, Options(null, pattern: "^220 ready"), ct);

        Assert.True(report.Matched, report.Error);
        Assert.Equal("220 ready", report.Excerpt);
    }

    [Fact]
    public async Task AnotherService_NoMatchAtTheTimeout_ShowsWhatItSaid_Escaped()
    {
        using var server = GreetingServer.Sending("SSH-2.0-OpenSSH_9.2p1 \u001b[31mevil\r\n"u8.ToArray());

        var report = await ExpectProbe.ProbeAsync(server.EndPoint, Options("220") with { Timeout = TimeSpan.FromMilliseconds(300) }, ct);

        Assert.False(report.Matched);
        Assert.Equal("no \"220\" within 300ms", report.Error);
        Assert.Equal("SSH-2.0-OpenSSH_9.2p1 \\x1b[31mevil", report.Excerpt);
    }

    [Fact]
    public async Task SilentServer_NoAnswerWithinTheTimeout()
    {
        using var server = new GreetingServer(GreetingServer.HoldAsync);

        var report = await ExpectProbe.ProbeAsync(server.EndPoint, Options("x") with { Timeout = TimeSpan.FromMilliseconds(200) }, ct);

        Assert.Equal((true, false, "no answer within 200ms", ""), (report.Connected, report.Matched, report.Error, report.Excerpt));
    }

    [Fact]
    public async Task ServerClosesWithoutTheMatch_IsSaid()
    {
        using var server = new GreetingServer(async (client, token) =>
        {
            await client.SendAsync("-ERR unknown command\r\n"u8.ToArray(), SocketFlags.None, token);
            client.Shutdown(SocketShutdown.Send);
        });

        var report = await ExpectProbe.ProbeAsync(server.EndPoint, Options("+PONG"), ct);

        Assert.Equal("the server closed the connection without \"+PONG\"", report.Error);
        Assert.Equal("-ERR unknown command", report.Excerpt);
    }

    [Fact]
    public async Task ByteByByte_StillMatches()
    {
        using var server = new GreetingServer(async (client, token) =>
        {
            foreach (var b in "220 slow.reach.test ESMTP\r\n"u8.ToArray())
            {
                await client.SendAsync(new[] { b }, SocketFlags.None, token);
                await Task.Delay(2, token);
            }

            await GreetingServer.HoldAsync(client, token);
        });

        var report = await ExpectProbe.ProbeAsync(server.EndPoint, Options("ESMTP"), ct);

        Assert.True(report.Matched, report.Error);
        Assert.Equal("220 slow.reach.test ESMTP", report.Excerpt);
    }

    [Fact]
    public async Task Flood_StopsAtTheReadLimit()
    {
        var flood = Encoding.ASCII.GetBytes(new string('A', 10 * 1024 * 1024));
        using var server = GreetingServer.Sending(flood);

        var report = await ExpectProbe.ProbeAsync(server.EndPoint, Options("+OK") with { ReadLimit = 64 * 1024 }, ct);

        Assert.False(report.Matched);
        Assert.Equal(64 * 1024, report.BytesRead);
        Assert.Equal("no \"+OK\" in the first 65536 bytes of the answer", report.Error);
        Assert.Equal(AnswerMatch.MaxExcerpt + 1, report.Excerpt.Length); // cut, with "…"
    }

    [Fact]
    public async Task RefusedPort_IsNotConnected()
    {
        var report = await ExpectProbe.ProbeAsync(LoopbackListener.ClosedPort(), Options("x"), ct);

        Assert.Equal((false, false, "the connection was refused"), (report.Connected, report.Matched, report.Error));
    }

    private static ExpectOptions Options(string? contains, string? pattern = null, string? send = null)
    {
        Assert.True(AnswerMatch.TryCreate(contains, pattern, out var match, out var error), error);
        return new ExpectOptions(match) { Send = send is null ? default : Encoding.UTF8.GetBytes(send), Timeout = TimeSpan.FromSeconds(3) };
    }
}
