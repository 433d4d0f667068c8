using System.Net.Sockets;
using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Lab.Scan;

namespace Reach.Lab.Tests.Scan;

/// <summary>
/// <c>reach scan RANGE -p PORT</c> over the AnyIP ranges (the /16 has two DROPped blocks and one RST /24) and over the
/// dead ranges, where nothing answers at all.
/// </summary>
public sealed class ScanCommandSweepLabTests(LabFixture lab)
{
    /// <summary>Default settings, and as fast as reach goes (4096 probes in flight).</summary>
    [Theory]
    [InlineData(AddressFamily.InterNetwork, "")]
    [InlineData(AddressFamily.InterNetwork, "--max-inflight 4096")]
    [InlineData(AddressFamily.InterNetworkV6, "")]
    [InlineData(AddressFamily.InterNetworkV6, "--max-inflight 4096")]
    public async Task Scan_AnyIpRangeOnPort443_ReportsExactlyTheGroundTruth(AddressFamily family, string options)
    {
        lab.RequireLab();
        var range = ScanLabNetwork.AnyIp(family);
        var truth = ScanGroundTruth.AnyIpSweep(family, 443);

        var (run, scan) = await ScanLab.ScanAsync(lab, ScanLab.LongRun, [range, "-p", "443", "--all", "--format", "jsonl", .. ScanLab.Options(options)]);

        Assert.Equal(0, run.ExitCode);
        ScanAssert.SameSet(truth.Open, scan.WithState("open"), $"open addresses of {range} {options}");
        ScanAssert.SameSet(truth.Closed, scan.WithState("closed"), $"closed addresses of {range} {options} (the RST block)");
        ScanAssert.SameSet(truth.Filtered, scan.WithState("filtered"), $"filtered addresses of {range} {options} (the DROP blocks)");
        ScanAssert.SameOutcomes(truth.StatesAndReasons(), scan.StatesAndReasons, $"reach scan {range} -p 443 {options}");
        scan.AssertSummary(truth);
    }

    [Fact]
    public async Task Scan_AnyIpRangeWithoutAll_PrintsTheOpenAddressesOnly()
    {
        lab.RequireLab();
        var truth = ScanGroundTruth.AnyIpSweep(AddressFamily.InterNetwork, 443);

        var (run, scan) = await ScanLab.ScanAsync(lab, ScanLab.LongRun, ScanLabNetwork.AnyIpV4, "-p", "443", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        ScanAssert.SameSet(truth.Open, scan.States.Keys, $"port records of {ScanLabNetwork.AnyIpV4} without --all");
        scan.AssertSummary(truth);
    }

    /// <summary>
    /// 256 addresses that never answer (no RST, no ICMP, no echo reply): all filtered, all hosts down, and the scan
    /// waits for them in parallel (the bound is loose: the bench checks speed).
    /// </summary>
    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task Scan_DeadRange_AllFilteredAllDown_InBoundedTime(AddressFamily family)
    {
        lab.RequireLab();
        var range = ScanLabNetwork.Dead(family);
        var truth = ScanGroundTruth.DeadRange(family, [443]);

        var (run, scan) = await ScanLab.ScanAsync(lab, TimeSpan.FromSeconds(60), range, "-p", "443", "--all", "--format", "jsonl");

        Assert.Equal(0, run.ExitCode);
        ScanAssert.SameOutcomes(truth.StatesAndReasons(), scan.StatesAndReasons, $"reach scan {range} -p 443");
        scan.AssertSummary(hosts: 256, hostsUp: 0, hostsDown: 256, portsScanned: 256, open: 0, closed: 0, filtered: 256);
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(10), $"the dead /24 took {run.Elapsed.TotalSeconds:F1} s");
    }
}
