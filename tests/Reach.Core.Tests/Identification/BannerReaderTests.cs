using System.Diagnostics;
using System.Net.Sockets;
using Reach.Core.Tests.TestSupport;
using Reach.Identification;

namespace Reach.Core.Tests.Identification;

/// <summary>The banner read against loopback servers that greet well, slowly, never, too much, or with escapes.</summary>
public class BannerReaderTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromMilliseconds(800);
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task SshGreeting_IsReadWhole_AndNamed()
    {
        using var server = GreetingServer.Sending("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"u8.ToArray());

        var banner = await BannerReader.ReadAsync(server.EndPoint, "reach.test", null, Wait, ct);

        Assert.Equal(new ServiceBanner(ServiceProtocol.Ssh, "SSH-2.0-OpenSSH_9.2p1 Debian-2", 32, Complete: true), banner);
    }

    [Fact]
    public async Task SilentServer_IsAskedHeadAtHalfTheWait_AndIsSilentAfterTheWait_NotLater()
    {
        using var server = new GreetingServer(GreetingServer.HoldAsync);
        var started = Stopwatch.GetTimestamp();

        var banner = await BannerReader.ReadAsync(server.EndPoint, "reach.test", null, Wait, ct);

        Assert.Null(banner.Protocol);
        Assert.Equal(ServiceProbe.HttpHead, banner.Probe);
        Assert.False(banner.Closed);
        Assert.InRange(Stopwatch.GetElapsedTime(started), Wait * 0.9, Wait * 5);
    }

    [Fact]
    public async Task ByteByByte_SlowerThanTheWait_ShowsWhatCame_CutShort()
    {
        // One byte every 100 ms: the 30-byte line would take 3 s; the read ends at the wait with what arrived.
        using var server = new GreetingServer(async (client, token) =>
        {
            foreach (var b in "220 slow.reach.test ESMTP ready\r\n"u8.ToArray())
            {
                await client.SendAsync(new[] { b }, SocketFlags.None, token);
                await Task.Delay(100, token);
            }
        });

        var banner = await BannerReader.ReadAsync(server.EndPoint, "reach.test", null, Wait, ct);

        Assert.False(banner.Complete);
        Assert.InRange(banner.Bytes, 3, 12);
        Assert.StartsWith("220", banner.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TenMegabyteBanner_IsCappedAtMaxBytes_AndShownCut()
    {
        var huge = new byte[10 * 1024 * 1024];
        huge.AsSpan().Fill((byte)'A');
        using var server = new GreetingServer(async (client, token) => await client.SendAsync(huge, SocketFlags.None, token));

        var banner = await BannerReader.ReadAsync(server.EndPoint, "reach.test", null, Wait, ct);

        Assert.Equal(BannerReader.MaxBytes, banner.Bytes);
        Assert.False(banner.Complete);
        Assert.Equal(ServiceProtocol.Unknown, banner.Protocol);
        Assert.Equal(new string('A', BannerReader.MaxShown) + "…", banner.Text);
    }

    [Fact]
    public async Task EscapeSequences_AreEscaped_NeverPassedToTheTerminal()
    {
        // A greeting that would clear the screen, set the window title and recolour the prompt.
        using var server = GreetingServer.Sending("SSH-2.0-\u001b[2J\u001b]0;pwned\u0007\u001b[31mred\u009b1m\r\n"u8.ToArray());

        var banner = await BannerReader.ReadAsync(server.EndPoint, "reach.test", null, Wait, ct);

        Assert.Equal(ServiceProtocol.Ssh, banner.Protocol);
        Assert.DoesNotContain('\u001b', banner.Text!);
        Assert.DoesNotContain('\u0007', banner.Text!);
        Assert.DoesNotContain('\u009b', banner.Text!);
        Assert.Equal("SSH-2.0-\\x1b[2J\\x1b]0;pwned\\x07\\x1b[31mred\\x9b1m", banner.Text);
    }

    [Fact]
    public async Task ServerThatClosesAtOnce_SaysItClosed_WithoutAWord()
    {
        using var server = new GreetingServer((client, _) => Task.CompletedTask);

        var banner = await BannerReader.ReadAsync(server.EndPoint, "reach.test", null, Wait, ct);

        Assert.Null(banner.Protocol);
        Assert.True(banner.Closed);
        Assert.Null(banner.Error);
    }

    [Fact]
    public async Task RefusedSecondConnection_SaysSo_NotThatNothingWasSent()
    {
        // A port that was open for the verdict and refuses the next connection (one connection at a time, a rate limit).
        var server = new GreetingServer(GreetingServer.HoldAsync);
        var endPoint = server.EndPoint;
        server.Dispose();

        var banner = await BannerReader.ReadAsync(endPoint, "reach.test", null, Wait, ct);

        Assert.Null(banner.Protocol);
        Assert.Contains("refused", banner.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GarbageBytes_AreUnknown_AndEscaped()
    {
        using var server = GreetingServer.Sending([0x00, 0x01, 0xC3, 0x28, 0x7F, (byte)'x', (byte)'\n']);

        var banner = await BannerReader.ReadAsync(server.EndPoint, "reach.test", null, Wait, ct);

        Assert.Equal(ServiceProtocol.Unknown, banner.Protocol);
        Assert.True(banner.Complete);
        Assert.DoesNotContain(banner.Text!, char.IsControl);
        Assert.StartsWith("\\x00\\x01", banner.Text, StringComparison.Ordinal);
        Assert.EndsWith("\\x7fx", banner.Text, StringComparison.Ordinal);
    }
}
