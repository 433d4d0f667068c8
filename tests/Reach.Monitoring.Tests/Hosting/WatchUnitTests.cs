using Reach.Monitoring.Hosting;

namespace Reach.Monitoring.Tests.Hosting;

public sealed class WatchUnitTests
{
    [Fact]
    public void Render_CarriesListenAndDataInExecStart_AndLoadsTheTokenFromTheEnvironmentFile()
    {
        var unit = WatchUnit.Render("/usr/local/bin/reach", "/etc/reach/reach.yaml", "/srv/reach data", "0.0.0.0:9105");
        var lines = unit.Split('\n');

        Assert.Contains("ExecStart=/usr/local/bin/reach watch -c /etc/reach/reach.yaml --data \"/srv/reach data\" --listen 0.0.0.0:9105", lines);
        Assert.Contains("EnvironmentFile=-/etc/reach/reach.env", lines);
        var at = Array.IndexOf(lines, "EnvironmentFile=-/etc/reach/reach.env");
        var comment = string.Join('\n', lines[(at - 2)..at]);
        Assert.All(lines[(at - 2)..at], l => Assert.StartsWith("# ", l, StringComparison.Ordinal));
        Assert.Contains("REACH_TOKEN", comment, StringComparison.Ordinal);
        Assert.Contains("REACH_STORE", comment, StringComparison.Ordinal);
        Assert.DoesNotContain("--token", unit, StringComparison.Ordinal);
        Assert.True(Array.IndexOf(lines, "[Service]") < Array.IndexOf(lines, "EnvironmentFile=-/etc/reach/reach.env"));
    }

    [Fact]
    public void Render_WithAgent_CarriesIt_NeverAStore()
    {
        var unit = WatchUnit.Render("/usr/local/bin/reach", "/etc/reach/reach.yaml", null, null, "site a");

        Assert.Contains("ExecStart=/usr/local/bin/reach watch -c /etc/reach/reach.yaml --agent \"site a\"\n", unit, StringComparison.Ordinal);
        Assert.DoesNotContain("--store", unit, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_WithoutListen_LeavesTheDefault()
    {
        var unit = WatchUnit.Render("/usr/local/bin/reach", "/etc/reach/reach.yaml", null);

        Assert.Contains("ExecStart=/usr/local/bin/reach watch -c /etc/reach/reach.yaml\n", unit, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EverythingOutsideTmp_KeepsPrivateTmp()
    {
        var unit = WatchUnit.Render("/usr/local/bin/reach", "/etc/reach/reach.yaml", null, files: ["/etc/reach/servers.txt"]);

        Assert.Contains("\nPrivateTmp=true\n", unit, StringComparison.Ordinal);
        Assert.Null(WatchUnit.HiddenByPrivateTmp("/usr/local/bin/reach", "/etc/reach/reach.yaml", null, ["/etc/reach/servers.txt"]));
    }

    [Theory]
    [InlineData("/usr/local/bin/reach", "/tmp/reach/reach.yaml", null, null, "/tmp/reach/reach.yaml")]
    [InlineData("/usr/bin/dotnet /tmp/build/reach.dll", "/etc/reach/reach.yaml", null, null, "/tmp/build/reach.dll")]
    [InlineData("/tmp/reach", "/etc/reach/reach.yaml", null, null, "/tmp/reach")]
    [InlineData("/usr/local/bin/reach", "/etc/reach/reach.yaml", "/var/tmp/reach-data", null, "/var/tmp/reach-data")]
    [InlineData("/usr/local/bin/reach", "/etc/reach/reach.yaml", null, "/tmp/servers.txt", "/tmp/servers.txt")]
    public void Render_SomethingUnderTmp_LeavesOutPrivateTmp_AndSaysWhy(string command, string config, string? data, string? targetsFile, string hidden)
    {
        string[] files = targetsFile is null ? [] : [targetsFile];

        var unit = WatchUnit.Render(command, config, data, files: files);

        Assert.DoesNotContain("\nPrivateTmp=true\n", unit, StringComparison.Ordinal);
        Assert.Contains($"# PrivateTmp= is left out: it would hide {hidden} from the service", unit, StringComparison.Ordinal);
        Assert.Equal(hidden, WatchUnit.HiddenByPrivateTmp(command, config, data, files));
    }

    [Fact]
    public void Render_TmpLookalikes_AreNotTmp()
    {
        Assert.Null(WatchUnit.HiddenByPrivateTmp("/tmpfs/reach", "/srv/tmp/reach.yaml", "/var/tmpx", []));
    }

    [Fact]
    public void Render_WithData_MakesItWritable_UnderProtectSystemStrict()
    {
        var unit = WatchUnit.Render("/usr/local/bin/reach", "/etc/reach/reach.yaml", "/srv/reach data");

        Assert.Contains("\nProtectSystem=strict\n", unit, StringComparison.Ordinal);
        Assert.Contains("\nReadWritePaths=\"/srv/reach data\"\n", unit, StringComparison.Ordinal);
    }
}
