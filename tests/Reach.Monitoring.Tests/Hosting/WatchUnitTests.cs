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
}
