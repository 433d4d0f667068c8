using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

public class PortBandsTests
{
    [Fact]
    public void AllPorts_TheCommonHundredComeFirst_TheRestAfter()
    {
        var (common, others) = PortBands.Split(PortSet.All);

        Assert.Equal(PortBands.CommonCount, common.Count);
        Assert.Contains(22, common);
        Assert.Contains(443, common);
        Assert.Equal(65535 - PortBands.CommonCount, others.Count);
        Assert.Empty(common.Intersect(others));
    }

    [Theory]
    [InlineData("443")]
    [InlineData("22,80,443")]
    [InlineData("40000-40100")]
    public void PortsThatAreAllCommonOrAllRare_AreOneBand(string ports)
    {
        Assert.True(PortSetParser.TryParse(ports, out var set, out _));

        var (common, others) = PortBands.Split(set);

        Assert.Equal(set, common);
        Assert.True(others.IsEmpty);
    }

    [Fact]
    public void Plan_ProbesTheCommonPortsOfEveryHostFirst_EachPairOnce()
    {
        var addresses = AddressSpace.Create([AddressRange.FromNetwork(System.Net.IPNetwork.Parse("10.0.0.0/30"))]);
        var ports = PortSet.Range(1, 2000);
        var plan = new ScanPlan(addresses, ports, seed: 5, ShardSpec.Whole, []);

        var targets = plan.Targets().ToList();

        var (common, _) = PortBands.Split(ports);
        var firstBand = common.Count * 4;
        Assert.All(targets.Take(firstBand), t => Assert.Contains(t.Port, common));
        Assert.All(targets.Skip(firstBand), t => Assert.DoesNotContain(t.Port, common));
        Assert.Equal(plan.Count, targets.Count);
        Assert.Equal(4 * 2000, targets.Select(t => (t.HostIndex, t.Port)).Distinct().Count());
    }

    [Fact]
    public void Plan_Shards_StillSplitEveryBandDisjointly()
    {
        var addresses = AddressSpace.Create([AddressRange.FromNetwork(System.Net.IPNetwork.Parse("10.0.0.0/29"))]);
        var ports = PortSet.Range(1, 300);
        var whole = new ScanPlan(addresses, ports, 9, ShardSpec.Whole, []).Targets().Select(t => (t.HostIndex, t.Port)).ToHashSet();

        var shards = Enumerable.Range(0, 3)
            .Select(k => new ScanPlan(addresses, ports, 9, new ShardSpec(k + 1, 3), []).Targets().Select(t => (t.HostIndex, t.Port)).ToList())
            .ToList();

        Assert.Equal(whole.Count, shards.Sum(s => s.Count));
        Assert.True(whole.SetEquals(shards.SelectMany(s => s)));
    }
}
