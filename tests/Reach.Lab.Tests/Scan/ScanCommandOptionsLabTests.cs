using System.Net;
using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Lab.Scan;

namespace Reach.Lab.Tests.Scan;

/// <summary><c>reach scan</c> --down, --fail-on-closed, -o and the output formats.</summary>
public sealed class ScanCommandOptionsLabTests(LabFixture lab)
{
    /// <summary>
    /// --down lists every host that misses a given port: one <c>{"type":"host","host","address","state","missing"}</c>
    /// record per host (then the summary), "down" where nothing answered and "up" where RSTs answered, each with the
    /// ports that were not open; nothing for hosts with every port open.
    /// </summary>
    [Fact]
    public async Task Scan_Down_ListsEveryHostThatMissesAPort_WithThePorts_AndWhichDidNotAnswer()
    {
        lab.RequireLab();
        // Every port open: the port-rich host, AnyIP addresses. RST only: 10.233.9.0/29. Down: DROP block, dead range.
        string[] targets = [ScanLabNetwork.HostV4, "10.233.1.0/29", "10.233.9.0/29", "10.233.7.0/29", "10.234.0.0/29"];
        var truth = ScanGroundTruth.For(targets, [22, 443]);
        Assert.Equal(16, truth.HostsDown.Count);

        var (run, scan) = await ScanLab.ScanAsync(lab, ScanLab.LongRun, [.. targets, "-p", "22,443", "--down", "--format", "jsonl"]);

        Assert.Equal(0, run.ExitCode);
        var hosts = scan.Records.Where(r => r.Text("type") != "summary").ToList();
        Assert.All(hosts, h => Assert.Equal("host", h.Text("type")));
        ScanLabReports.AssertDownHosts(truth, hosts);
        Assert.Equal(24, hosts.Count);
        Assert.Equal(truth.HostsDown.Count, scan.Summary.WholeNumber("hosts_down"));
        Assert.Equal(truth.HostsUp.Count, scan.Summary.WholeNumber("hosts_up"));
    }

    [Theory]
    [InlineData("22,80,443", false, 0)]
    [InlineData("22,80,443", true, 0)]
    [InlineData("80,8081", false, 0)] // 8081: closed
    [InlineData("80,8081", true, 1)]
    [InlineData("80,23", true, 1)] // 23: DROP, filtered
    [InlineData("80,113", true, 1)] // 113: ICMP port-unreachable, filtered
    [InlineData("80,1080", true, 1)] // 1080: RST from the firewall, closed
    public async Task Scan_FailOnClosed_ExitsOneWhenAnyGivenPortIsNotOpen(string ports, bool failOnClosed, int exitCode)
    {
        lab.RequireLab();
        string[] flag = failOnClosed ? ["--fail-on-closed"] : [];

        var run = await ReachCli.RunAsync(lab, ["scan", ScanLabNetwork.HostV4, "-p", ports, .. flag]);

        Assert.Equal(exitCode, run.ExitCode);
    }

    [Fact]
    public async Task Scan_FailOnClosed_DeadHost_ExitsOne()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "scan", "10.234.0.1", "-p", "443", "--fail-on-closed");

        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public async Task Scan_OutputFile_GetsTheRecords()
    {
        lab.RequireLab();
        using var file = new TempFile(string.Empty);

        var run = await ReachCli.RunAsync(lab, "scan", ScanLabNetwork.HostV4, "-p", "80,443,8081", "--all", "--format", "jsonl", "-o", file.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.DoesNotContain("\"type\":\"port\"", run.StdOut, StringComparison.Ordinal);
        var written = ScanOutput.Parse(new ReachRun(run.Result with { StdOut = File.ReadAllText(file.Path) }));
        Assert.Equal(3, written.Ports.Count);
        Assert.Equal(2, written.Summary.WholeNumber("open"));
        Assert.Equal(1, written.Summary.WholeNumber("closed"));
    }

    /// <summary>Every format prints the open ports; json is one document.</summary>
    [Theory]
    [InlineData("table")]
    [InlineData("json")]
    [InlineData("jsonl")]
    [InlineData("csv")]
    [InlineData("grepable")]
    public async Task Scan_EachFormat_ShowsTheOpenPorts(string format)
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(lab, "scan", ScanLabNetwork.HostV4, "-p", "80,443,8081", "--format", format);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("443", run.StdOut, StringComparison.Ordinal);
        Assert.Contains(ScanLabNetwork.HostV4, run.StdOut, StringComparison.Ordinal);
        if (format == "json")
        {
            using var document = JsonDocument.Parse(run.StdOut);
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }
    }

    [Fact]
    public async Task Scan_Polite_StillFindsTheOpenPorts()
    {
        lab.RequireLab();
        var truth = ScanGroundTruth.For(["10.233.1.0/30", ScanLabNetwork.HostV4], [22, 80, 443, 8081]);

        var (run, scan) = await ScanLab.ScanAsync(lab, ScanLab.LongRun, "10.233.1.0/30", ScanLabNetwork.HostV4, "-p", "22,80,443,8081", "--polite", "--all", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        ScanAssert.SameOutcomes(truth.StatesAndReasons(), scan.StatesAndReasons, "reach scan --polite");
        Assert.All(scan.Ports, p => Assert.True(IPAddress.TryParse(p.Text("address"), out _)));
    }
}
