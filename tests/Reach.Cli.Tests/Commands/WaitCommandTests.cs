using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reach.Cli.Tests.Commands;

public class WaitCommandTests
{
    [Theory]
    [InlineData(new[] { "wait" }, "no target")]
    [InlineData(new[] { "wait", "127.0.0.1" }, "'127.0.0.1' has no port")]
    [InlineData(new[] { "wait", "127.0.0.1:0" }, "out of range")]
    [InlineData(new[] { "wait", "db:nosuchservice" }, "unknown service")]
    [InlineData(new[] { "wait", "127.0.0.1:80", "--timeout", "0" }, "--timeout must be more than 0")]
    [InlineData(new[] { "wait", "127.0.0.1:80", "--interval", "soon" }, "--interval")]
    [InlineData(new[] { "wait", "127.0.0.1:80", "-4", "-6" }, "-4 and -6 exclude each other")]
    public async Task BadInput_ExitsTwo_WithOneLine(string[] args, string expected)
    {
        var (code, output, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
    }

    [Theory]
    [InlineData("1us")]
    [InlineData("9ms")]
    public async Task IntervalBelowTheFloor_ExitsTwo_NamingTheLeast(string interval)
    {
        // An open port the test holds: without the floor the wait would succeed at once instead.
        using var listener = CliRunner.Listen();

        var (code, output, error) = await CliRunner.RunAsync("wait", $"127.0.0.1:{CliRunner.PortOf(listener)}", "--interval", interval, "--timeout", "5s");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal($"reach: --interval: '{interval}' is shorter than the least, 10ms (a round of probes needs that much)", error.TrimEnd());
    }

    [Fact]
    public async Task OpenPort_ExitsZero_AndIsQuietWhenNotATerminal()
    {
        using var listener = CliRunner.Listen();

        var (code, output, error) = await CliRunner.RunAsync("wait", $"127.0.0.1:{CliRunner.PortOf(listener)}", "--timeout", "5s");

        Assert.Equal((0, string.Empty, string.Empty), (code, output, error));
    }

    [Fact]
    public async Task ClosedPort_TimesOut_ExitsOne_NamingTheTarget()
    {
        var endpoint = $"127.0.0.1:{CliRunner.ClosedPort()}";
        var stopwatch = Stopwatch.StartNew();

        var (code, output, error) = await CliRunner.RunAsync("wait", endpoint, "--timeout", "600ms", "--interval", "100ms");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains($"timed out after 600ms: not open: {endpoint} (closed: conn-refused)", error, StringComparison.Ordinal);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(550), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ListenerAppearingLater_EndsTheWait()
    {
        var port = CliRunner.ClosedPort();
        var opener = Task.Run(async () =>
        {
            await Task.Delay(700);
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen(16);
            return socket;
        });
        var stopwatch = Stopwatch.StartNew();

        var (code, _, error) = await CliRunner.RunAsync("wait", $"127.0.0.1:{port}", "--timeout", "10s", "--interval", "100ms");

        using var listener = await opener;
        Assert.True(code == 0, error);
        Assert.InRange(stopwatch.Elapsed, TimeSpan.FromMilliseconds(650), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Closed_OnAClosedPort_ExitsZeroAtOnce()
    {
        var port = CliRunner.ClosedPort().ToString(CultureInfo.InvariantCulture);

        var (code, _, _) = await CliRunner.RunAsync("wait", $"127.0.0.1:{port}", "--closed", "--timeout", "5s");

        Assert.Equal(0, code);
    }

    [Fact]
    public async Task Any_OneOpenOneClosed_ExitsZero_AllTimesOutOnTheClosedOne()
    {
        using var listener = CliRunner.Listen();
        var open = $"127.0.0.1:{CliRunner.PortOf(listener)}";
        var closed = $"127.0.0.1:{CliRunner.ClosedPort()}";

        var any = await CliRunner.RunAsync("wait", closed, open, "--any", "--timeout", "5s");
        var all = await CliRunner.RunAsync("wait", closed, open, "--timeout", "300ms", "--interval", "100ms");

        Assert.Equal(0, any.ExitCode);
        Assert.Equal(1, all.ExitCode);
        Assert.Contains(closed, all.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(open, all.Error, StringComparison.Ordinal);
    }
}
