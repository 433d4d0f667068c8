using Reach.Monitoring.Config;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Expansion;

public class TargetExpanderTests
{
    [Fact]
    public void IssueExample_ExpandsToCheckAddressPortTriples()
    {
        using var dir = new TempDirectory();
        dir.File("servers.txt", ConfigSamples.ServersTxt);
        var config = WatchConfigLoader.Load(dir.File("reach.yaml", ConfigSamples.IssueExample), TestContext.Current.CancellationToken);

        var targets = TargetExpander.Expand(config);

        var web = targets.Where(t => t.Key.Check == "web").Select(t => t.Key.ToString()).ToList();
        Assert.Equal(["web/10.0.0.5:80", "web/10.0.0.5:443", "web/db01:5432"], web);
        Assert.Equal(3 * 11, targets.Count(t => t.Key.Check == "dcs"));
        Assert.Null(targets.Single(t => t.Key.ToString() == "web/db01:5432").Address);
        Assert.Equal(TargetExpander.Count(config.Checks[0]) + TargetExpander.Count(config.Checks[1]), targets.Count);
    }

    [Fact]
    public void Network_LeavesOutNetworkAndBroadcastAddresses()
    {
        var check = Check("targets: [10.0.0.0/30, 10.0.1.0/31, 10.0.2.7/32, 10.0.3.1-3]\n    ports: [22]");

        var hosts = TargetExpander.Expand(check).Select(t => t.Key.Host).ToList();

        Assert.Equal(["10.0.0.1", "10.0.0.2", "10.0.1.0", "10.0.1.1", "10.0.2.7", "10.0.3.1", "10.0.3.2", "10.0.3.3"], hosts);
        Assert.Equal(hosts.Count, TargetExpander.Count(check));
    }

    [Fact]
    public void DuplicateTargets_AreProbedOnce()
    {
        var check = Check("targets: [10.0.0.1, 10.0.0.1:80, \"10.0.0.0/31\", DB01, db01]\n    ports: [80]");

        var keys = TargetExpander.Expand(check).Select(t => t.Key.ToString()).ToList();

        Assert.Equal(["a/10.0.0.1:80", "a/10.0.0.0:80", "a/db01:80"], keys);
    }

    [Fact]
    public void Icmp_HasPortZero_AndIPv6IsBracketed()
    {
        var check = Check("type: icmp\n    targets: [\"fd00::1\", 10.0.0.1]");

        Assert.Equal(["a/[fd00::1]", "a/10.0.0.1"], TargetExpander.Expand(check).Select(t => t.Key.ToString()));
    }

    private static CheckDefinition Check(string body)
    {
        using var dir = new TempDirectory();
        return WatchConfigLoader.Load(dir.File("reach.yaml", $"checks:\n  - name: a\n    {body}\n"), TestContext.Current.CancellationToken).Checks[0];
    }
}
