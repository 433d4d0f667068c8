namespace Reach.Cli.Tests.Commands;

/// <summary><c>reach watch --print-unit</c>: what it was given goes into the unit, except the token.</summary>
public sealed class WatchPrintUnitTests
{
    [Fact]
    public async Task PrintUnit_WithListenAndToken_UnitHasListen_NotTheToken()
    {
        var (code, output, error) = await CliRunner.RunAsync("watch", "-c", "/etc/reach/reach.yaml", "--listen", "0.0.0.0:9105", "--token", "s3cret-token", "--print-unit");

        Assert.True(code == 0, error);
        var execStart = output.Split('\n').Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal));
        Assert.EndsWith(" watch -c /etc/reach/reach.yaml --listen 0.0.0.0:9105", execStart, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-token", output, StringComparison.Ordinal);
        Assert.Contains("\nEnvironmentFile=-/etc/reach/reach.env\n", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintUnit_PublicListenWithoutAnyToken_Exit2()
    {
        var (code, _, error) = await CliRunner.RunAsync("watch", "-c", "/etc/reach/reach.yaml", "--listen", "0.0.0.0:9105", "--print-unit");

        // REACH_TOKEN is not set in the test environment; with neither source the public listener is refused.
        Assert.Equal(2, code);
        Assert.Contains("token", error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PrintUnit_WithAPostgresStore_UnitHasTheAgent_NotTheStoreNorItsPassword_AndSaysWhereTheStoreGoes()
    {
        var (code, output, error) = await CliRunner.RunAsync(
            "watch", "-c", "/etc/reach/reach.yaml", "--store", "postgres://reach:s3cret-pw@192.0.2.5/reach", "--agent", "site-a", "--print-unit");

        Assert.True(code == 0, error);
        var execStart = output.Split('\n').Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal));
        Assert.EndsWith(" watch -c /etc/reach/reach.yaml --listen 127.0.0.1:9105 --agent site-a", execStart, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pw", output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("--store", output, StringComparison.Ordinal);
        Assert.Contains("REACH_STORE=", error, StringComparison.Ordinal);
        Assert.Contains("/etc/reach/reach.env", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintUnit_ConfigUnderTmp_UnitHasNoPrivateTmp_AndStderrSaysWhy()
    {
        var (code, output, error) = await CliRunner.RunAsync("watch", "-c", "/tmp/reach-print-unit-test/reach.yaml", "--print-unit");

        Assert.True(code == 0, error);
        Assert.DoesNotContain("\nPrivateTmp=true\n", output, StringComparison.Ordinal);

        // The first hidden path is named: the binary's own when these tests run from a clone under /tmp.
        var binaryUnderTmp = AppContext.BaseDirectory.StartsWith("/tmp/", StringComparison.Ordinal) || AppContext.BaseDirectory.StartsWith("/var/tmp/", StringComparison.Ordinal);
        var hidden = binaryUnderTmp ? error["reach: ".Length..error.IndexOf(" is under", StringComparison.Ordinal)] : "/tmp/reach-print-unit-test/reach.yaml";
        Assert.Contains($"# PrivateTmp= is left out: it would hide {hidden} from the service", output, StringComparison.Ordinal);
        Assert.Equal(
            $"reach: {hidden} is under a temporary folder: the unit leaves out PrivateTmp=true, which would hide it from the service (install reach and its files elsewhere to keep it)",
            error.TrimEnd());
    }
}
