using System.Net;
using Reach.Probes;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

public class ScanMissingPortsTests
{
    private static readonly TimeSpan Rtt = TimeSpan.FromMilliseconds(1);

    private static ScanPlan Plan(string[] addresses, int[] ports, ShardSpec shard = default) =>
        new(AddressSpace.Create(addresses.Select(a => AddressRange.FromAddress(IPAddress.Parse(a)))), PortSet.Create(ports), 7, shard, []);

    private static ScanPortResult Result(ScanPlan plan, string address, int port, PortState state, ProbeReason reason, bool answered = true)
    {
        var ip = IPAddress.Parse(address);
        return new ScanPortResult(new ScanProbeTarget(plan.Addresses.IndexOf(ip), ip, port), state, reason, answered ? Rtt : null, 1);
    }

    private static ScanPortResult Open(ScanPlan plan, string address, int port) => Result(plan, address, port, PortState.Open, ProbeReason.SynAck);

    private static ScanPortResult Closed(ScanPlan plan, string address, int port) => Result(plan, address, port, PortState.Closed, ProbeReason.ConnRefused);

    private static ScanPortResult Silent(ScanPlan plan, string address, int port) =>
        Result(plan, address, port, PortState.Filtered, ProbeReason.NoResponse, answered: false);

    [Fact]
    public void Hosts_AHostThatAnsweredButMissesSomePorts_IsReportedWithThosePortsAndTheirStates()
    {
        // Given a domain controller with 53 and 389 open, 636 closed and 3269 silent
        var plan = Plan(["10.0.0.5"], [53, 389, 636, 3269]);
        var missing = new ScanMissingPorts(plan);
        missing.Add(Silent(plan, "10.0.0.5", 3269));
        missing.Add(Open(plan, "10.0.0.5", 389));
        missing.Add(Closed(plan, "10.0.0.5", 636));
        missing.Add(Open(plan, "10.0.0.5", 53));

        // When the report is made
        var host = Assert.Single(missing.Hosts());

        // Then it names the two ports that are not open, in port order, and says the host answered
        Assert.Equal(IPAddress.Parse("10.0.0.5"), host.Address);
        Assert.True(host.Answered);
        Assert.Equal(4, host.PortsScanned);
        Assert.Equal(
            [new ScanMissingPort(636, PortState.Closed, ProbeReason.ConnRefused), new ScanMissingPort(3269, PortState.Filtered, ProbeReason.NoResponse)],
            host.Missing);
    }

    [Fact]
    public void Hosts_AHostWithEveryPortOpen_IsNotReported_AndOneWhereNothingAnswered_MissesThemAll()
    {
        var plan = Plan(["10.0.0.1", "10.0.0.2"], [22, 443]);
        var missing = new ScanMissingPorts(plan);
        missing.Add(Open(plan, "10.0.0.1", 443));
        missing.Add(Silent(plan, "10.0.0.2", 22));
        missing.Add(Open(plan, "10.0.0.1", 22));
        missing.Add(Silent(plan, "10.0.0.2", 443));

        var host = Assert.Single(missing.Hosts());

        Assert.Equal(IPAddress.Parse("10.0.0.2"), host.Address);
        Assert.False(host.Answered);
        Assert.Equal([22, 443], host.Missing.Select(p => p.Port));
        Assert.All(host.Missing, p => Assert.Equal((PortState.Filtered, ProbeReason.NoResponse), (p.State, p.Reason)));
    }

    [Fact]
    public void Hosts_ICmpAnswersAndLocalErrors_AreMissingWithTheirReasons_AndOnlyAnAnswerMakesAHostAnswered()
    {
        var plan = Plan(["10.0.0.1", "10.0.0.2"], [80, 443]);
        var missing = new ScanMissingPorts(plan);
        missing.Add(Result(plan, "10.0.0.1", 80, PortState.Filtered, ProbeReason.AdminProhibited));
        missing.Add(Silent(plan, "10.0.0.1", 443));
        missing.Add(Result(plan, "10.0.0.2", 80, PortState.Error, ProbeReason.LocalError, answered: false));
        missing.Add(Silent(plan, "10.0.0.2", 443));

        var hosts = missing.Hosts().ToList();

        Assert.Equal(2, hosts.Count);
        Assert.True(hosts[0].Answered);
        Assert.Equal(new ScanMissingPort(80, PortState.Filtered, ProbeReason.AdminProhibited), hosts[0].Missing[0]);
        Assert.False(hosts[1].Answered);
        Assert.Equal(new ScanMissingPort(80, PortState.Error, ProbeReason.LocalError), hosts[1].Missing[0]);
    }

    [Fact]
    public void Hosts_ComeInHostOrder_IPv4NumericallyBeforeIPv6_WhateverTheArrivalOrder()
    {
        var plan = Plan(["::1", "10.0.0.10", "10.0.0.9"], [22]);
        var missing = new ScanMissingPorts(plan);
        foreach (var address in new[] { "10.0.0.10", "::1", "10.0.0.9" })
        {
            missing.Add(Closed(plan, address, 22));
        }

        Assert.Equal(["10.0.0.9", "10.0.0.10", "::1"], missing.Hosts().Select(h => h.Address.ToString()));
    }

    [Fact]
    public void Add_Silence_KeepsNothing_SoADeadRangeCostsNoEntries()
    {
        var plan = new ScanPlan(AddressSpace.Create([AddressRange.FromNetwork(IPNetwork.Parse("10.0.0.0/24"))]), PortSet.Range(1, 100), 7, default, []);
        var missing = new ScanMissingPorts(plan);
        foreach (var target in plan.Targets())
        {
            missing.Add(new ScanPortResult(target, PortState.Filtered, ProbeReason.NoResponse, null, 2));
        }

        Assert.Equal(0, missing.Entries);
        var hosts = missing.Hosts().ToList();
        Assert.Equal(256, hosts.Count);
        Assert.All(hosts, h => Assert.Equal(100, h.Missing.Count));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Hosts_WithAShard_MissOnlyThePortsThisShardScanned(int shardNumber)
    {
        // Given shard K of 3 of 5 hosts × 4 ports, where nothing answered
        var plan = new ScanPlan(
            AddressSpace.Create([AddressRange.FromNetwork(IPNetwork.Parse("10.0.0.0/30")), AddressRange.FromAddress(IPAddress.Parse("10.0.0.9"))]),
            PortSet.Create([22, 80, 443, 3389]), 42, new ShardSpec(shardNumber, 3), []);
        var missing = new ScanMissingPorts(plan);

        // Then each host misses exactly the ports of its pairs in this shard, and hosts without any are not reported
        var expected = plan.Targets().GroupBy(t => t.HostIndex).ToDictionary(g => g.Key, g => g.Select(t => t.Port).Order().ToList());
        var hosts = missing.Hosts().ToList();
        Assert.Equal(expected.Keys.Order(), hosts.Select(h => h.HostIndex));
        Assert.All(hosts, h => Assert.Equal(expected[h.HostIndex], h.Missing.Select(p => p.Port)));
        Assert.All(hosts, h => Assert.Equal(expected[h.HostIndex].Count, h.PortsScanned));
    }

    [Fact]
    public void Hosts_AResolvedAddress_CarriesItsName()
    {
        var dc = IPAddress.Parse("10.0.0.5");
        var plan = new ScanPlan(AddressSpace.Create([], resolved: [new NamedAddress("dc01", dc)]), PortSet.Create([389]), 1, default, []);
        var missing = new ScanMissingPorts(plan);
        missing.Add(Closed(plan, "10.0.0.5", 389));

        Assert.Equal("dc01", Assert.Single(missing.Hosts()).HostName);
    }

    [Fact]
    public void Add_EveryStateAndReason_RoundTrips()
    {
        var plan = Plan(["10.0.0.1"], [1]);
        foreach (var state in Enum.GetValues<PortState>().Where(s => s != PortState.Open))
        {
            foreach (var reason in Enum.GetValues<ProbeReason>())
            {
                var missing = new ScanMissingPorts(plan);
                missing.Add(Result(plan, "10.0.0.1", 1, state, reason));
                var port = Assert.Single(Assert.Single(missing.Hosts()).Missing);
                Assert.Equal((state, reason), (port.State, port.Reason));
            }
        }
    }
}
