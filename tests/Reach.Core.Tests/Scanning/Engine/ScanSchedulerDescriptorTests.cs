using Reach.Core.Tests.Scanning.Engine.Simulation;
using Reach.Probes;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning.Engine;

/// <summary>
/// A scan at its open-file limit (socket() fails with EMFILE past a few sockets): it keeps to what its descriptors
/// allow and ends with exact verdicts; with no descriptor at all it stops and says so, instead of reporting every port
/// as a local error one backed-off retry sequence at a time.
/// </summary>
public class ScanSchedulerDescriptorTests
{
    private static readonly TimeSpan Lan = TimeSpan.FromMilliseconds(1);

    /// <summary>12 hosts × 301 ports, the last 6 hosts silent: the issue's `ulimit -n 24` case, with 6 sockets to spare.</summary>
    [Fact]
    public void AFewDescriptors_TheScanKeepsToThem_AndEndsWithExactVerdicts()
    {
        var hosts = Enumerable.Range(0, 12).Select(i => new SimulatedHost([], defaultDeny: i >= 6, Lan)).ToList();
        var scan = new SimulatedScan(hosts) { DescriptorLimit = 6 }
            .Run(SimulatedScan.Targets(12, Enumerable.Range(1000, 301)), new ScanOptions(), maxInflight: 12, limit: TimeSpan.FromMinutes(10));

        Assert.False(scan.OutOfDescriptors);
        Assert.Equal(12 * 301, scan.Results.Count);
        Assert.DoesNotContain(scan.Results, r => r.State == PortState.Error);
        Assert.Equal(6 * 301, scan.Results.Count(r => r.State == PortState.Closed));
        Assert.True(scan.PeakInflight <= 6);
        Assert.InRange(scan.Statistics!.Pacing!.SocketLimit!.Value, 1, 6); // the CLI's note names it

        // 1,806 silent ports, two attempts each, six at a time at the 50 ms floor: about 30 s. Before, every EMFILE
        // halved the window and backed off, and the scan crawled at one probe per pause.
        Assert.True(scan.Elapsed < TimeSpan.FromSeconds(60), $"simulated {scan.Elapsed}, {scan.DescriptorFailures} EMFILE");
        Assert.True(scan.DescriptorFailures < 50, $"{scan.DescriptorFailures} EMFILE: the scan kept trying past its descriptors");
    }

    [Fact]
    public void NoDescriptorAtAll_TheScanStops_OutOfDescriptors_WithoutAVerdict()
    {
        var scan = new SimulatedScan([new SimulatedHost([22], defaultDeny: false, Lan)]) { DescriptorLimit = 0 }
            .Run(SimulatedScan.Targets(1, Enumerable.Range(1, 1000)), new ScanOptions(), limit: TimeSpan.FromMinutes(1));

        Assert.True(scan.OutOfDescriptors);
        Assert.Empty(scan.Results); // no port is a local error: none was probed
        Assert.True(scan.Elapsed < TimeSpan.FromSeconds(5), $"simulated {scan.Elapsed}");
    }
}
