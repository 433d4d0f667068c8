using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Reach.Cli.Tests.Commands;

public class PingCommandTests
{
    [Theory]
    [InlineData(new[] { "ping" }, "target")]
    [InlineData(new[] { "ping", "127.0.0.1" }, "no port for '127.0.0.1'")]
    [InlineData(new[] { "ping", "127.0.0.1", "70000" }, "port 70000 is out of range")]
    [InlineData(new[] { "ping", "127.0.0.1", "htps" }, "unknown service 'htps'")]
    [InlineData(new[] { "ping", "127.0.0.1:22", "80" }, "already names port 22")]
    [InlineData(new[] { "ping", "127.0.0.1", "80", "-n", "0" }, "--count must be at least 1")]
    [InlineData(new[] { "ping", "127.0.0.1", "80", "-n", "x" }, "'x'")]
    [InlineData(new[] { "ping", "127.0.0.1", "80", "--interval", "0" }, "--interval must be more than 0")]
    [InlineData(new[] { "ping", "127.0.0.1", "80", "-t", "5 parsecs" }, "--timeout")]
    [InlineData(new[] { "ping", "127.0.0.1", "80", "--icmp" }, "--icmp pings the host, not a port")]
    [InlineData(new[] { "ping", "127.0.0.1", "80", "-4", "-6" }, "-4 and -6 exclude each other")]
    [InlineData(new[] { "ping", "[::1", "80" }, "missing ']'")]
    [InlineData(new[] { "ping", "a", "b", "c" }, "Unrecognized")]
    public async Task BadInput_ExitsTwo_WithOneLine(string[] args, string expected)
    {
        var (code, output, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("reach: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_SaysIcmpIsTimedInMicrosecondsWithItsOwnSocket_AndWholeMillisecondsThroughTheOsApi()
    {
        var (code, output, _) = await CliRunner.RunAsync("ping", "--help");

        // Help wraps long descriptions: compare with the whitespace collapsed.
        var help = System.Text.RegularExpressions.Regex.Replace(output, @"\s+", " ");
        Assert.Equal(0, code);
        Assert.Contains("timed in microseconds with reach's own ICMP socket", help, StringComparison.Ordinal);
        Assert.Contains("else in whole milliseconds through the OS ping API", help, StringComparison.Ordinal);
        Assert.DoesNotContain("1 ms resolution", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenLoopbackPort_CountThree_ThreeOpenLines_MicrosecondTimes_ExitZero()
    {
        using var listener = CliRunner.Listen();
        var port = CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture);
        _ = AcceptForeverAsync(listener);

        var (code, output, error) = await CliRunner.RunAsync("ping", "127.0.0.1", port, "-n", "3", "-i", "50ms");

        Assert.Equal(0, code);
        Assert.Empty(error);
        var probes = output.Split('\n').Where(l => l.StartsWith("seq=", StringComparison.Ordinal)).ToArray();
        Assert.Equal(3, probes.Length);
        Assert.All(probes, l => Assert.Matches($@"^seq=\d 127\.0\.0\.1:{port} open time=\d+\.\d{{3}} ms$", l));
        Assert.Contains("3 probes sent, 3 succeeded, 0 failed, 0% loss", output, StringComparison.Ordinal);
        Assert.Matches(@"rtt min/avg/max/stddev = [\d.]+/[\d.]+/[\d.]+/[\d.]+ ms, jitter [\d.]+ ms", output);
        Assert.Matches(@"rtt p50/p95/p99 = [\d.]+/[\d.]+/[\d.]+ ms", output);
    }

    [Fact]
    public async Task ClosedLoopbackPort_Json_ProbeLinesAndASummary_ExitOne()
    {
        var port = CliRunner.ClosedPort().ToString(CultureInfo.InvariantCulture);

        var (code, output, _) = await CliRunner.RunAsync("ping", $"127.0.0.1:{port}", "-n", "2", "-i", "20ms", "--json");

        Assert.Equal(1, code);
        var lines = output.TrimEnd().Split('\n').Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToArray();
        Assert.Equal(["probe", "probe", "summary"], lines.Select(l => l.GetProperty("type").GetString()));
        Assert.Equal("closed", lines[0].GetProperty("state").GetString());
        Assert.Equal("conn-refused", lines[0].GetProperty("reason").GetString());
        Assert.Equal(2, lines[1].GetProperty("seq").GetInt32());
        var summary = lines[2];
        Assert.Equal(2, summary.GetProperty("sent").GetInt32());
        Assert.Equal(100.0, summary.GetProperty("loss_percent").GetDouble());
        Assert.Equal(JsonValueKind.Null, summary.GetProperty("rtt").ValueKind);
        Assert.True(summary.GetProperty("down_intervals")[0].GetProperty("ongoing").GetBoolean());
        Assert.False(summary.GetProperty("interrupted").GetBoolean());
    }

    [Fact]
    public async Task CtrlC_PrintsTheSummary_AndTheExitCodeFollowsTheProbes()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "sends SIGINT with kill(1)");
        using var listener = CliRunner.Listen();
        _ = AcceptForeverAsync(listener);
        var info = new ProcessStartInfo(ReachHost(), [Path.Combine(AppContext.BaseDirectory, "reach.dll"), "ping", "127.0.0.1", CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture), "-i", "100ms"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken); // JIT start-up, then a few probes
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        var text = await output;
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}\n{text}\n{await error}");
        Assert.Contains("TCP ping statistics (interrupted)", text, StringComparison.Ordinal);
        Assert.Matches(@"\d+ probes sent, \d+ succeeded, 0 failed, 0% loss", text);
    }

    private static string ReachHost()
    {
        var runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        var host = Path.GetFullPath(Path.Combine(runtime, "..", "..", "..", "dotnet"));
        return File.Exists(host) ? host : "dotnet";
    }

    private static async Task AcceptForeverAsync(System.Net.Sockets.Socket listener)
    {
        try
        {
            while (true)
            {
                using var accepted = await listener.AcceptAsync();
            }
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            // The test disposed the listener.
        }
    }
}
