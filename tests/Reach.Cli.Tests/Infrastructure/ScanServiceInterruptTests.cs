using System.Globalization;
using System.Text.Json;

namespace Reach.Cli.Tests.Infrastructure;

/// <summary>
/// Ctrl+C while <c>scan --service</c> still waits on a silent port: every open port is still written as a complete
/// record, the unidentified one saying why, and stderr counts it. Loopback listeners of this test only.
/// </summary>
public class ScanServiceInterruptTests
{
    private const int SigInt = 2;

    [Fact]
    public async Task CtrlC_WhileIdentifying_WritesTheOpenPortsLeft_AsCompleteRecords()
    {
        using var ssh = CliRunner.ListenGreeting("SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n"u8.ToArray());
        using var silent = CliRunner.Listen(); // never accepts: the kernel completes the handshake, nothing is ever said
        var sshPort = CliRunner.PortOf(ssh);
        var silentPort = CliRunner.PortOf(silent);
        using var reach = ReachProcess.Start("scan", "127.0.0.1", "-p", string.Create(CultureInfo.InvariantCulture, $"{sshPort},{silentPort}"),
            "--service", "--service-timeout", "30s", "--format", "jsonl");

        // stderr is a pipe: a progress line every 5 s, which says when the greeting was identified and the silent port not
        const string Progress = "reach scan: identifying services: 1/2 open ports";
        for (var i = 0; i < 300 && !reach.Error.Contains(Progress, StringComparison.Ordinal); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Contains(Progress, reach.Error, StringComparison.Ordinal);
        reach.Signal(SigInt);
        Assert.True(await reach.WaitForExitAsync(TimeSpan.FromSeconds(10)), "reach did not stop");

        Assert.Equal(130, reach.ExitCode);
        var records = reach.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var left = Assert.Single(records, r => r.GetProperty("port").GetInt32() == silentPort);
        Assert.Equal("open", left.GetProperty("state").GetString());
        var detected = left.GetProperty("detected");
        Assert.Equal(JsonValueKind.Null, detected.GetProperty("protocol").ValueKind);
        Assert.Equal("the scan was interrupted first", detected.GetProperty("error").GetString());
        Assert.Single(records, r => r.GetProperty("port").GetInt32() == sshPort);
        Assert.Contains("1 open port written before it was identified", reach.Error, StringComparison.Ordinal);
    }
}
