using System.Net;
using Reach.Cli.Rendering.Scan;
using Reach.Probes;
using Reach.Resolution;
using Reach.Scanning;

namespace Reach.Cli.Tests.Rendering;

public class FailOnClosedReportTests
{
    private static ScanSummary Summary(long ports, long open) => new(0, 0, ports, open, ports - open, 0, 0, TimeSpan.FromSeconds(1), 1);

    [Fact]
    public void Write_NamesEachPortThatIsNotOpen_WithStateAndReason_OneLinePerHost()
    {
        // Given dc01 (a name) missing 636 (closed) and 3269 (silent), and 10.0.0.6 missing 53 (admin-prohibited)
        var dc01 = IPAddress.Parse("10.0.0.5");
        var space = AddressSpace.Create([AddressRange.FromAddress(IPAddress.Parse("10.0.0.6"))], resolved: [new NamedAddress("dc01", dc01)]);
        var plan = new ScanPlan(space, PortSet.Create([53, 636, 3269]), 1, default, []);
        var notOpen = new ScanNotOpenPorts(FailOnClosedReport.Shown);
        notOpen.Add(Result(space, "10.0.0.6", 53, PortState.Filtered, ProbeReason.AdminProhibited));
        notOpen.Add(Result(space, "10.0.0.5", 3269, PortState.Filtered, ProbeReason.NoResponse));
        notOpen.Add(Result(space, "10.0.0.5", 636, PortState.Closed, ProbeReason.ConnRefused));
        using var error = new StringWriter();

        // When the report is written
        FailOnClosedReport.Write(error, notOpen, plan, Summary(6, 3));

        // Then
        Assert.Equal(
            """
            reach: --fail-on-closed: 3 of 6 ports not open:
              dc01 (10.0.0.5): 636 closed (conn-refused), 3269 filtered (no-response)
              10.0.0.6: 53 filtered (admin-prohibited)

            """.ReplaceLineEndings("\n"),
            error.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Write_AHugeScan_NamesTheFirstPortsOnly_AndCountsTheRest()
    {
        var space = AddressSpace.Create([AddressRange.FromNetwork(IPNetwork.Parse("10.0.0.0/16"))]);
        var plan = new ScanPlan(space, PortSet.Create([443]), 1, default, []);
        var notOpen = new ScanNotOpenPorts(FailOnClosedReport.Shown);
        foreach (var target in plan.Targets())
        {
            notOpen.Add(new ScanPortResult(target, PortState.Filtered, ProbeReason.NoResponse, null, 2));
        }

        using var error = new StringWriter();
        FailOnClosedReport.Write(error, notOpen, plan, Summary(65536, 0));

        var lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("reach: --fail-on-closed: 65536 of 65536 ports not open:", lines[0]);
        Assert.Equal(Enumerable.Range(0, 20).Select(i => $"  10.0.{i / 256}.{i % 256}: 443 filtered (no-response)"), lines[1..21]);
        Assert.Equal("  and 65516 more", lines[21]);
        Assert.Equal(22, lines.Length);
    }

    [Fact]
    public void Write_UnresolvedNames_AreNamed()
    {
        var plan = new ScanPlan(AddressSpace.Empty, PortSet.Create([443]), 1, default, [ResolutionResult.Failed("nope.example", "Name or service not known")]);
        using var error = new StringWriter();

        FailOnClosedReport.Write(error, new ScanNotOpenPorts(FailOnClosedReport.Shown), plan, Summary(0, 0));

        Assert.Equal("reach: --fail-on-closed: 1 name did not resolve: nope.example", error.ToString().TrimEnd());
    }

    private static ScanPortResult Result(AddressSpace space, string address, int port, PortState state, ProbeReason reason)
    {
        var ip = IPAddress.Parse(address);
        return new ScanPortResult(new ScanProbeTarget(space.IndexOf(ip), ip, port), state, reason, null, 1);
    }
}
