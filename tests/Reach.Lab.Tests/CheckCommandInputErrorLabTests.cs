using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests;

/// <summary>
/// Bad input: exit code 2 and a one-line error, no stack trace. Run in the client namespace too, so a CLI that
/// probed before validating could still reach nothing outside the lab.
/// </summary>
public sealed class CheckCommandInputErrorLabTests(LabFixture lab)
{
    [Theory]
    [InlineData("check", "target.lab", "70000")]
    [InlineData("check", "target.lab", "0")]
    [InlineData("check", "target.lab", "htps")]
    [InlineData("check", "target.lab:99999")]
    [InlineData("check", "-i", "/nonexistent-reach-lab/targets.txt")]
    [InlineData("check", "target.lab", "80", "--timeout", "soon")]
    public async Task Check_BadInput_ExitsTwoWithOneErrorLine(params string[] arguments)
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, arguments);

        Assert.Equal(2, run.ExitCode);
        var lines = run.StdErr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(lines.Length == 1, $"expected one error line on stderr, got {lines.Length}:\n{run.StdErr}");
        Assert.DoesNotContain("   at ", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", run.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.StdOut, StringComparison.Ordinal);
    }
}
