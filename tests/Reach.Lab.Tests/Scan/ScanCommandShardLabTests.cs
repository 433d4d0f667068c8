using Reach.Lab.Tests.Lab;
using Reach.Lab.Tests.Lab.Scan;

namespace Reach.Lab.Tests.Scan;

/// <summary><c>reach scan --shard K/N</c>: N machines (or runs) split one scan; together they scan it exactly once.</summary>
public sealed class ScanCommandShardLabTests(LabFixture lab)
{
    [Fact]
    public async Task Scan_ThreeShards_TogetherAreTheFullScan()
    {
        lab.RequireLab();
        // The port-rich host (listeners, DROP, ICMP and RST rejects below 1100), eight AnyIP addresses (22 and 443
        // open) and eight RST-only addresses.
        string[] targets = [ScanLabNetwork.HostV4, "10.233.1.0/29", "10.233.9.0/29"];
        var truth = ScanGroundTruth.For(targets, ScanGroundTruth.PortRange(1, 1100));
        string[] scan = [.. targets, "-p", "1-1100", "--all", "--format", "jsonl", "--seed", "11"];

        var (fullRun, full) = await ScanLab.ScanAsync(lab, ScanLab.LongRun, scan);
        var shards = new List<IReadOnlyDictionary<ScanEndPoint, string>>();
        for (var k = 1; k <= 3; k++)
        {
            var (run, shard) = await ScanLab.ScanAsync(lab, ScanLab.LongRun, [.. scan, "--shard", $"{k}/3"]);
            Assert.Equal(0, run.ExitCode);
            shards.Add(shard.StatesAndReasons);
        }

        Assert.Equal(0, fullRun.ExitCode);
        ScanAssert.SameOutcomes(truth.StatesAndReasons(), full.StatesAndReasons, "the full scan");
        Assert.Equal(truth.Count, shards.Sum(s => s.Count)); // disjoint: no endpoint in two shards
        ScanAssert.SameOutcomes(
            full.StatesAndReasons,
            shards.SelectMany(s => s).ToDictionary(e => e.Key, e => e.Value),
            "the union of shards 1/3, 2/3, 3/3");
    }
}
