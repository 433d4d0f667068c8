using System.Net;
using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// The expected outcome of scanning some addresses on some ports of a lab target, computed from its layout
/// (<see cref="ScanLabLayout"/>, <see cref="FirewallLabLayout"/>): the open, closed and filtered sets, and which hosts
/// are up (answered in TCP at least once).
/// </summary>
public sealed class ScanGroundTruth
{
    private ScanGroundTruth(IReadOnlyList<IPAddress> addresses, IReadOnlyList<int> ports, IScanTargetLayout layout)
    {
        Addresses = addresses;
        Ports = ports;
        var expected = new Dictionary<ScanEndPoint, ScanLabExpectation>(addresses.Count * ports.Count);
        foreach (var address in addresses)
        {
            foreach (var port in ports)
            {
                expected[new ScanEndPoint(address, port)] = layout.Expect(address, port);
            }
        }

        Expected = expected;
        Open = With(ScanLabExpectation.Open);
        Closed = With(ScanLabExpectation.Closed);
        Filtered = With(ScanLabExpectation.Filtered);
        HostsUp = expected.Where(e => e.Value.HostAnswered).Select(e => e.Key.Address).ToHashSet();
        HostsDown = addresses.Where(a => !HostsUp.Contains(a)).ToHashSet();

        HashSet<ScanEndPoint> With(string state) => expected.Where(e => e.Value.State == state).Select(e => e.Key).ToHashSet();
    }

    /// <summary>The scanned addresses, in increasing order.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    /// <summary>The scanned ports.</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>Every scanned endpoint and what must be reported for it.</summary>
    public IReadOnlyDictionary<ScanEndPoint, ScanLabExpectation> Expected { get; }

    public IReadOnlySet<ScanEndPoint> Open { get; }

    public IReadOnlySet<ScanEndPoint> Closed { get; }

    public IReadOnlySet<ScanEndPoint> Filtered { get; }

    /// <summary>Hosts with at least one open or closed port among those scanned.</summary>
    public IReadOnlySet<IPAddress> HostsUp { get; }

    /// <summary>Hosts where no scanned port answered.</summary>
    public IReadOnlySet<IPAddress> HostsDown { get; }

    public int Count => Expected.Count;

    /// <summary>Every port from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public static IReadOnlyList<int> PortRange(int first, int last) => [.. Enumerable.Range(first, last - first + 1)];

    /// <summary>All 65,535 ports.</summary>
    public static IReadOnlyList<int> AllPorts { get; } = PortRange(1, 65535);

    /// <summary>The ground truth for <paramref name="targets"/> (addresses or prefixes) on <paramref name="ports"/> (default layout: the scan target's).</summary>
    public static ScanGroundTruth For(IEnumerable<string> targets, IEnumerable<int> ports, IScanTargetLayout? layout = null) =>
        For(targets.SelectMany(IpRanges.Addresses), ports, layout);

    public static ScanGroundTruth For(IEnumerable<IPAddress> addresses, IEnumerable<int> ports, IScanTargetLayout? layout = null) =>
        new([.. addresses.Distinct().Order(Comparer<IPAddress>.Create((a, b) => IpRanges.ToNumber(a).CompareTo(IpRanges.ToNumber(b))))],
            [.. ports.Distinct().Order()],
            layout ?? ScanLabLayout.Default);

    /// <summary>The ground truth of the firewalled target (<see cref="FirewallLabLayout.Default"/>) for <paramref name="targets"/> on <paramref name="ports"/>.</summary>
    public static ScanGroundTruth Firewalled(IEnumerable<string> targets, IEnumerable<int> ports) =>
        For(targets, ports, FirewallLabLayout.Default);

    /// <summary>All 65,535 ports of the port-rich host.</summary>
    public static ScanGroundTruth PortRichHost(AddressFamily family) => For([ScanLabNetwork.Host(family)], AllPorts);

    /// <summary>The whole AnyIP range of the family (the /16 or the /120) on one port.</summary>
    public static ScanGroundTruth AnyIpSweep(AddressFamily family, int port) => For([ScanLabNetwork.AnyIp(family)], [port]);

    /// <summary>The dead range of the family on <paramref name="ports"/>.</summary>
    public static ScanGroundTruth DeadRange(AddressFamily family, IEnumerable<int> ports) => For([ScanLabNetwork.Dead(family)], ports);
}
