using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Lab.Scan;

namespace Reach.Lab.Tests.Scan;

/// <summary>
/// Bad target, port and shard specs: exit code 2 and one error line, no stack trace, nothing scanned. Run in the
/// client namespace, so a CLI that probed before validating could still reach nothing outside the lab.
/// </summary>
public sealed class ScanCommandInputErrorLabTests(LabFixture lab)
{
    [Theory]
    [InlineData("10.233.1.50-10.233.1.1", "-p", "443")] // reversed address range
    [InlineData("10.233.1.50-10", "-p", "443")] // reversed short range
    [InlineData("10.0.0.0/33", "-p", "443")]
    [InlineData("fd00:5eac:9::/129", "-p", "443")]
    [InlineData("10.233.1.1", "-p", "70000")]
    [InlineData("10.233.1.1", "-p", "0")]
    [InlineData("10.233.1.1", "-p", "443-80")] // reversed port range
    [InlineData("10.233.1.1", "-p", "443", "--shard", "0/3")]
    [InlineData("10.233.1.1", "-p", "443", "--shard", "4/3")]
    [InlineData("10.233.1.1", "-p", "443", "--shard", "1/0")]
    [InlineData("10.233.1.1", "-p", "443", "--shard", "1")]
    [InlineData("10.233.1.1", "-p", "443", "--shard", "a/b")]
    [InlineData("10.233.1.1", "-p", "443", "--exclude", "10.0.0.0/40")]
    [InlineData("10.233.1.1", "-p", "443", "--profile", "nosuchprofile")]
    [InlineData("10.233.1.1", "-p", "443", "--format", "xml")]
    [InlineData("-i", "/nonexistent-reach-lab/targets.txt", "-p", "443")]
    public async Task Scan_BadSpec_ExitsTwoWithOneErrorLine(params string[] arguments)
    {
        lab.RequireLab();
        await ScanLab.RequireScanCommandAsync(lab);

        var run = await ReachCli.RunAsync(lab, ["scan", .. arguments]);

        AssertInputError(run);
    }

    [Fact]
    public async Task Scan_EmptyInputFile_ExitsTwoWithOneErrorLine()
    {
        lab.RequireLab();
        await ScanLab.RequireScanCommandAsync(lab);
        using var file = new TempFile("# only a comment\n\n");

        var run = await ReachCli.RunAsync(lab, "scan", "-i", file.Path, "-p", "443");

        AssertInputError(run);
    }

    [Fact]
    public async Task Scan_BadLineInInputFile_ExitsTwoWithOneErrorLine()
    {
        lab.RequireLab();
        await ScanLab.RequireScanCommandAsync(lab);
        using var file = new TempFile($"{ScanLabNetwork.HostV4}\n10.0.0.0/33\n");

        var run = await ReachCli.RunAsync(lab, "scan", "-i", file.Path, "-p", "443");

        AssertInputError(run);
    }

    private static void AssertInputError(ReachRun run)
    {
        Assert.Equal(2, run.ExitCode);
        var lines = run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one error line on stderr, got {lines.Length}:\n{run.StdErr}");
        Assert.DoesNotContain("   at ", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("\"type\":\"port\"", run.StdOut, StringComparison.Ordinal);
    }
}
