using System.Net;
using Reach.Probes;
using Reach.Resolution;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

public class ScanReportsTests
{
    private static ScanPlan Plan(params ResolutionResult[] unresolved) =>
        new(AddressSpace.Create([AddressRange.FromAddress(IPAddress.Parse("10.0.0.1"))]), PortSet.Create([22, 80, 443]), 7, default, unresolved);

    private static ScanPortResult Result(int port, PortState state, ProbeReason reason) =>
        new(new ScanProbeTarget(0, IPAddress.Parse("10.0.0.1"), port), state, reason, null, 1);

    private static readonly ScanPortResult Open = Result(80, PortState.Open, ProbeReason.SynAck);
    private static readonly ScanPortResult Closed = Result(22, PortState.Closed, ProbeReason.ConnRefused);
    private static readonly ScanPortResult Filtered = Result(443, PortState.Filtered, ProbeReason.NoResponse);
    private static readonly ScanPortResult Error = Result(443, PortState.Error, ProbeReason.LocalError);

    [Fact]
    public void Add_ByDefault_ListsOpenPortsAndLocalErrors_Only()
    {
        var reports = new ScanReports(Plan(), all: false, down: false, failOnClosed: false, notOpenShown: 20);

        Assert.Equal([true, false, false, true], new[] { Open, Closed, Filtered, Error }.Select(reports.Add));
        Assert.Null(reports.Missing);
        Assert.Null(reports.NotOpen);
        Assert.False(reports.Fails(Plan()));
    }

    [Fact]
    public void Add_WithAll_ListsEveryPort()
    {
        var reports = new ScanReports(Plan(), all: true, down: false, failOnClosed: false, notOpenShown: 20);

        Assert.All(new[] { Open, Closed, Filtered, Error }, r => Assert.True(reports.Add(r)));
    }

    [Fact]
    public void Add_WithDown_ListsHostsInsteadOfOpenPorts_AndKeepsWhatTheyMiss()
    {
        // Given --down: the report is the hosts that miss a port, not the open ports
        var plan = Plan();
        var reports = new ScanReports(plan, all: false, down: true, failOnClosed: false, notOpenShown: 20);

        // When 80 is open, 22 closed and 443 silent
        Assert.False(reports.Add(Open));
        Assert.False(reports.Add(Closed));
        Assert.False(reports.Add(Filtered));

        // Then the host is reported missing 22 and 443
        var host = Assert.Single(reports.Missing!.Hosts());
        Assert.Equal([22, 443], host.Missing.Select(m => m.Port));
    }

    [Fact]
    public void Fails_WithFailOnClosed_WhenAPortIsNotOpen_OrANameDidNotResolve()
    {
        var plan = Plan();
        var allOpen = new ScanReports(plan, all: false, down: false, failOnClosed: true, notOpenShown: 20);
        allOpen.Add(Open);
        Assert.False(allOpen.Fails(plan));

        var oneClosed = new ScanReports(plan, all: false, down: false, failOnClosed: true, notOpenShown: 20);
        oneClosed.Add(Open);
        oneClosed.Add(Closed);
        Assert.True(oneClosed.Fails(plan));
        Assert.Equal(1, oneClosed.NotOpen.Count);

        var unresolved = Plan(new ResolutionResult("nosuch.example", ResolutionStatus.Unresolved, []));
        var noName = new ScanReports(unresolved, all: false, down: false, failOnClosed: true, notOpenShown: 20);
        noName.Add(Open);
        Assert.True(noName.Fails(unresolved));
    }

    [Fact]
    public void Fails_WithoutFailOnClosed_Never()
    {
        var plan = Plan(new ResolutionResult("nosuch.example", ResolutionStatus.Unresolved, []));
        var reports = new ScanReports(plan, all: false, down: false, failOnClosed: false, notOpenShown: 20);
        reports.Add(Closed);

        Assert.False(reports.Fails(plan));
    }
}
