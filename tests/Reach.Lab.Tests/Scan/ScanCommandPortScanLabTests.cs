using System.Net.Sockets;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Lab.Scan;

namespace Reach.Lab.Tests.Scan;

/// <summary>
/// <c>reach scan HOST -p-</c>: every port of the port-rich host, compared endpoint by endpoint with the ground truth
/// of <see cref="ScanLabLayout"/> (30 listeners, 10 DROPped ports, ICMP-REJECTed and RST-REJECTed ports, RST elsewhere).
/// </summary>
public sealed class ScanCommandPortScanLabTests(LabFixture lab)
{
    /// <summary>Default settings, and as fast as reach goes (4096 probes in flight).</summary>
    [Theory]
    [InlineData(AddressFamily.InterNetwork, "")]
    [InlineData(AddressFamily.InterNetwork, "--max-inflight 4096")]
    [InlineData(AddressFamily.InterNetworkV6, "")]
    [InlineData(AddressFamily.InterNetworkV6, "--max-inflight 4096")]
    public async Task Scan_AllPortsOfThePortRichHost_ReportsExactlyTheGroundTruth(AddressFamily family, string options)
    {
        lab.RequireLab();
        var host = ScanLabNetwork.Host(family);
        var truth = ScanGroundTruth.PortRichHost(family);

        var (run, scan) = await ScanLab.ScanAsync(lab, ScanLab.LongRun, [host, "-p-", "--all", "--format", "jsonl", .. ScanLab.Options(options)]);

        Assert.Equal(0, run.ExitCode);
        ScanAssert.SameOutcomes(truth.StatesAndReasons(), scan.StatesAndReasons, $"reach scan {host} -p- {options}");
        scan.AssertSummary(truth);
        Assert.All(scan.Ports, p => Assert.Equal(host, p.Text("host")));
        Assert.All(scan.Ports, p => Assert.Equal("tcp", p.Text("proto")));
        Assert.All(scan.Ports.Where(p => p.Text("state") == "open"), p => Assert.True(p.Number("rtt_ms") >= 0, p.GetRawText()));
        Assert.Equal("ssh", Service(scan, 22));
        Assert.Equal("https", Service(scan, 443));
    }

    /// <summary>Without --all only open ports get a record; the summary still counts everything.</summary>
    [Fact]
    public async Task Scan_WithoutAll_PrintsOnlyTheOpenPorts()
    {
        lab.RequireLab();
        var truth = ScanGroundTruth.For([ScanLabNetwork.HostV4], ScanGroundTruth.PortRange(1, 1100));

        var (run, scan) = await ScanLab.ScanAsync(lab, ScanLab.LongRun, ScanLabNetwork.HostV4, "-p", "1-1100", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        ScanAssert.SameSet(truth.Open, scan.States.Keys, "port records without --all");
        Assert.All(scan.Ports, p => Assert.Equal("open", p.Text("state")));
        scan.AssertSummary(truth);
    }

    /// <summary>
    /// --rate caps probes per second: 5,000 probes at 5,000/s cannot finish much under a second (a small initial
    /// burst allowed), and the results stay exact.
    /// </summary>
    [Fact]
    public async Task Scan_RateCapped_IsSlowedDownAndStillExact()
    {
        lab.RequireLab();
        var truth = ScanGroundTruth.For([ScanLabNetwork.HostV4], ScanGroundTruth.PortRange(1, 5000));

        var (run, scan) = await ScanLab.ScanAsync(lab, ScanLab.LongRun, ScanLabNetwork.HostV4, "-p", "1-5000", "--rate", "5000", "--all", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        ScanAssert.SameOutcomes(truth.StatesAndReasons(), scan.StatesAndReasons, "reach scan -p 1-5000 --rate 5000");
        scan.AssertSummary(truth);
        Assert.True(
            scan.Summary.Number("duration_ms") >= 700,
            $"5000 probes at --rate 5000 took {scan.Summary.Number("duration_ms")} ms: the rate is not applied");
        Assert.True(run.Elapsed >= TimeSpan.FromMilliseconds(700), $"the run took {run.Elapsed.TotalMilliseconds} ms");
    }

    /// <summary>A host name is scanned at its addresses and reported under the name; an unknown name gets its own record.</summary>
    [Fact]
    public async Task Scan_NameAndUnresolvableName_NameIsScannedAndTheOtherReported()
    {
        lab.RequireLab();

        var (run, scan) = await ScanLab.ScanAsync(
            lab, ScanLab.LongRun, ScanLabNetwork.HostName, LabNetwork.UnresolvableName, "-p", "80,443", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        var unresolved = Assert.Single(scan.Unresolved);
        Assert.Equal(LabNetwork.UnresolvableName, unresolved.Text("host"));
        Assert.False(string.IsNullOrWhiteSpace(unresolved.Text("error")), unresolved.GetRawText());
        Assert.NotEmpty(scan.Ports);
        Assert.All(scan.Ports, p => Assert.Equal(ScanLabNetwork.HostName, p.Text("host")));
        Assert.All(scan.Ports, p => Assert.Contains(p.Text("address"), new[] { ScanLabNetwork.HostV4, ScanLabNetwork.HostV6 }));
        Assert.All(scan.Ports, p => Assert.Equal("open", p.Text("state")));
        Assert.Contains(scan.Ports, p => p.WholeNumber("port") == 80);
        Assert.Contains(scan.Ports, p => p.WholeNumber("port") == 443);
    }

    private static string? Service(ScanOutput scan, int port) =>
        scan.Ports.Single(p => p.WholeNumber("port") == port).Text("service");
}
