using System.Globalization;
using System.Text.Json;

namespace Reach.Cli.Tests.Commands;

/// <summary>How <c>reach check</c> reads its words: TARGET PORT, several targets with -p, and ports where hosts belong.</summary>
public class CheckCommandPositionalTests
{
    [Fact]
    public async Task TwoHosts_WithPortOption_AreTwoTargets()
    {
        using var listener = CliRunner.Listen();
        var port = CliRunner.PortOf(listener).ToString(CultureInfo.InvariantCulture);

        // "reach check web01 db01 -p 22" read db01 as the port and failed: with -p, both words are hosts.
        var (code, output, error) = await CliRunner.RunAsync("check", "127.0.0.1", "localhost", "-p", port, "--json", "--no-ping", "-4");

        Assert.True(code == 0, error);
        var targets = JsonDocument.Parse(output).RootElement.GetProperty("targets");
        Assert.Equal([$"127.0.0.1:{port}", $"localhost:{port}"], targets.EnumerateArray().Select(t => t.GetProperty("target").GetString()));
    }

    [Fact]
    public async Task OneHostAndANumber_WithPortOption_IsThePortGivenTwice()
    {
        var (code, _, error) = await CliRunner.RunAsync("check", "127.0.0.1", "80", "-p", "443");

        Assert.Equal(2, code);
        Assert.Contains("the port is given twice", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneHostAndTwoPorts_SaysThePortIsNotAHost_AndPointsToScan()
    {
        var (code, output, error) = await CliRunner.RunAsync("check", "db01", "22", "23");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Equal(
            "reach: '22' is a port, not a host: check takes one PORT after one TARGET; give each target its port (db01:22), use -p for all, or 'reach scan db01 -p PORTS' for several ports",
            error.Trim());
    }
}
