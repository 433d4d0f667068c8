using System.Globalization;
using System.Text.Json;

namespace Reach.Cli.Tests.Commands;

/// <summary>reach trace over loopback (TCP needs no privileges), and its input errors.</summary>
public class TraceCommandTests
{
    [Fact]
    public async Task TcpTrace_ToALoopbackListener_ReachesItAtHop1_Open()
    {
        using var listener = CliRunner.Listen();
        var port = CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture);

        var (code, output, error) = await CliRunner.RunAsync("trace", "127.0.0.1", port, "-n");

        // Windows traces TCP only as administrator (otherwise exit 1 with a one-line reason); other OSes not yet.
        Assert.True(OperatingSystem.IsLinux() ? code == 0 : OperatingSystem.IsWindows() ? code is 0 or 1 : code == 1, $"exit {code}\n{output}\n{error}");
        if (OperatingSystem.IsLinux())
        {
            Assert.Contains(" 1  127.0.0.1  ", output, StringComparison.Ordinal);
            Assert.Contains("[open]", output, StringComparison.Ordinal);
            Assert.Contains($"Verdict  port {port} is open: 127.0.0.1 answered SYN-ACK at hop 1", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TcpTrace_ToAClosedLoopbackPort_IsClosed_Json()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "a TCP trace needs no privileges on Linux only (Windows: administrator)");
        var port = CliRunner.ClosedPort();

        var (code, output, _) = await CliRunner.RunAsync("trace", $"127.0.0.1:{port}", "--json", "-n");

        Assert.Equal(1, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("tcp", root.GetProperty("mode").GetString());
        Assert.Equal(port, root.GetProperty("port").GetInt32());
        Assert.True(root.GetProperty("reached").GetBoolean());
        Assert.Equal("closed", root.GetProperty("verdict").GetProperty("state").GetString());
        Assert.Equal("conn-refused", root.GetProperty("verdict").GetProperty("reason").GetString());
        var probe = root.GetProperty("hops")[0].GetProperty("probes")[0];
        Assert.Equal("rst", probe.GetProperty("answer").GetString());
        Assert.True(probe.GetProperty("rtt_ms").GetDouble() > 0);
    }

    [Theory]
    [InlineData("trace", "127.0.0.1", "70000")]
    [InlineData("trace", "127.0.0.1", "htps")]
    [InlineData("trace", "127.0.0.1:22", "80")]
    [InlineData("trace", "127.0.0.1", "--max-hops", "0")]
    [InlineData("trace", "127.0.0.1", "--max-hops", "256")]
    [InlineData("trace", "127.0.0.1", "--queries", "11")]
    [InlineData("trace", "127.0.0.1", "--timeout", "soon")]
    [InlineData("trace", "127.0.0.1", "-4", "-6")]
    [InlineData("trace", "999.1.1.1")]
    [InlineData("trace")]
    public async Task BadInput_ExitsTwo_WithOneLine(params string[] args)
    {
        var (code, output, error) = await CliRunner.RunAsync(args);

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.StartsWith("reach: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ShowsExamples()
    {
        var (code, output, _) = await CliRunner.RunAsync("trace", "--help");

        Assert.Equal(0, code);
        Assert.Contains("reach trace srv01 443", output, StringComparison.Ordinal);
        Assert.Contains("--max-hops", output, StringComparison.Ordinal);
    }
}
