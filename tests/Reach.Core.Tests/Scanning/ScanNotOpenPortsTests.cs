using System.Net;
using Reach.Probes;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

public class ScanNotOpenPortsTests
{
    private static ScanPortResult Result(long host, int port, PortState state) =>
        new(new ScanProbeTarget(host, IPAddress.Parse("10.0.0.1"), port), state, ProbeReason.ConnRefused, null, 1);

    [Fact]
    public void Add_KeepsTheFirstPortsInHostAndPortOrder_AndCountsTheRest()
    {
        // Given 100 hosts × 3 ports arriving in a shuffled order, port 80 open everywhere
        var notOpen = new ScanNotOpenPorts(keep: 4);
        var results = Enumerable.Range(0, 100).SelectMany(h => new[] { 22, 80, 443 }.Select(p => Result(h, p, p == 80 ? PortState.Open : PortState.Closed)));
        foreach (var result in results.OrderBy(r => (r.Target.HostIndex * 7919) % 101).ThenByDescending(r => r.Target.Port))
        {
            notOpen.Add(result);
        }

        // Then the 200 not open are counted, and the 4 kept are the first by host then port
        Assert.Equal(200, notOpen.Count);
        Assert.Equal([(0L, 22), (0L, 443), (1L, 22), (1L, 443)], notOpen.First().Select(r => (r.Target.HostIndex, r.Target.Port)));
    }

    [Fact]
    public void Add_OpenPorts_AreNeitherCountedNorKept()
    {
        var notOpen = new ScanNotOpenPorts(keep: 10);
        notOpen.Add(Result(0, 22, PortState.Open));
        notOpen.Add(Result(0, 23, PortState.Filtered));
        notOpen.Add(Result(0, 24, PortState.Error));

        Assert.Equal(2, notOpen.Count);
        Assert.Equal([23, 24], notOpen.First().Select(r => r.Target.Port));
    }
}
