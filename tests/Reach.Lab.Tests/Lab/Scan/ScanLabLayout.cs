using System.Net;
using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// The scan target's configuration, as data: its addresses, the ranges local to it, its firewall rules (in order) and
/// its listeners. The lab is built from this object and the ground truth is computed from it, so a test never
/// hard-codes an expected result: <see cref="Expect"/> says what any address and port of the scan target does.
/// </summary>
public sealed class ScanLabLayout : IScanTargetLayout
{
    private ScanLabLayout(
        IReadOnlyList<IPAddress> hostAddresses,
        IReadOnlyList<IPNetwork> routedRanges,
        IReadOnlyList<ScanLabRule> rules,
        IReadOnlyList<IPEndPoint> listeners,
        IReadOnlyList<IPEndPoint> resettingListeners)
    {
        HostAddresses = hostAddresses;
        RoutedRanges = routedRanges;
        Rules = rules;
        Listeners = listeners;
        ResettingListeners = resettingListeners;
    }

    /// <summary>The layout the lab fixture builds (and bench/scan-lab/lab.sh mirrors).</summary>
    public static ScanLabLayout Default { get; } = CreateDefault();

    /// <summary>The addresses of the scan target's link (the port-rich host).</summary>
    public IReadOnlyList<IPAddress> HostAddresses { get; }

    /// <summary>AnyIP ranges (<c>ip route add local … dev lo</c>) of the scan target, routed there from the client.</summary>
    public IReadOnlyList<IPNetwork> RoutedRanges { get; }

    /// <summary>The INPUT chain of the scan target (iptables and ip6tables), first match wins.</summary>
    public IReadOnlyList<ScanLabRule> Rules { get; }

    /// <summary>Listening sockets: a host address, or 0.0.0.0 / [::] (IPv6-only) for every local address.</summary>
    public IReadOnlyList<IPEndPoint> Listeners { get; }

    /// <summary>The listeners among <see cref="Listeners"/> that reset every connection right after accepting it.</summary>
    public IReadOnlyList<IPEndPoint> ResettingListeners { get; }

    /// <summary>True when the scan target owns the address (so <see cref="Expect"/> can tell what it does).</summary>
    public bool IsLocal(IPAddress address) =>
        HostAddresses.Contains(address) || RoutedRanges.Any(range => range.Contains(address));

    /// <summary>What the scan target does with a SYN to <paramref name="address"/>:<paramref name="port"/>.</summary>
    public ScanLabExpectation Expect(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        if (!IsLocal(address))
        {
            throw new ArgumentException($"{address} is not an address of the scan target: its ground truth is unknown");
        }

        var rule = Rules.FirstOrDefault(r => r.Matches(address, port));
        var listener = Listeners.FirstOrDefault(l => l.Port == port && (l.Address.Equals(address) || IsWildcardFor(l.Address, address)));
        var verdict = rule?.Verdict ?? (listener is null
            ? ScanLabVerdict.NoListener
            : ResettingListeners.Contains(listener) ? ScanLabVerdict.ListenThenReset : ScanLabVerdict.Listen);
        return new ScanLabExpectation(verdict, address.AddressFamily);
    }

    private static bool IsWildcardFor(IPAddress listener, IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6
            ? listener.Equals(IPAddress.IPv6Any)
            : listener.Equals(IPAddress.Any);

    private static ScanLabLayout CreateDefault()
    {
        IPAddress[] hosts = [IPAddress.Parse(ScanLabNetwork.HostV4), IPAddress.Parse(ScanLabNetwork.HostV6)];

        var rules = new List<ScanLabRule>
        {
            new(IPNetwork.Parse(ScanLabNetwork.DeadV4), ScanLabVerdict.Drop, AllProtocols: true),
            new(IPNetwork.Parse(ScanLabNetwork.DeadV6), ScanLabVerdict.Drop, AllProtocols: true),
        };
        rules.AddRange(ScanLabNetwork.AnyIpV4DropBlocks.Select(b => new ScanLabRule(IPNetwork.Parse(b), ScanLabVerdict.Drop)));
        rules.Add(new(IPNetwork.Parse(ScanLabNetwork.AnyIpV4ResetBlock), ScanLabVerdict.RejectTcpReset));
        rules.Add(new(IPNetwork.Parse(ScanLabNetwork.AnyIpV6DropBlock), ScanLabVerdict.Drop));
        rules.Add(new(IPNetwork.Parse(ScanLabNetwork.AnyIpV6ResetBlock), ScanLabVerdict.RejectTcpReset));

        (IReadOnlyList<int> Ports, ScanLabVerdict Verdict)[] portRules =
        [
            (ScanLabPorts.Drop, ScanLabVerdict.Drop),
            (ScanLabPorts.PortUnreachable, ScanLabVerdict.RejectPortUnreachable),
            (ScanLabPorts.AdminProhibited, ScanLabVerdict.RejectAdminProhibited),
            (ScanLabPorts.HostUnreachable, ScanLabVerdict.RejectHostUnreachable),
            (ScanLabPorts.NetUnreachable, ScanLabVerdict.RejectNetUnreachable),
            (ScanLabPorts.TcpReset, ScanLabVerdict.RejectTcpReset),
        ];
        foreach (var host in hosts)
        {
            var single = new IPNetwork(host, host.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32);
            rules.AddRange(portRules.SelectMany(r => r.Ports.Select(port => new ScanLabRule(single, r.Verdict, port))));
        }

        var resetting = hosts.SelectMany(host => ScanLabPorts.ResetAfterAccept.Select(port => new IPEndPoint(host, port))).ToList();
        var listeners = ScanLabPorts.Wildcard
            .SelectMany(port => new[] { new IPEndPoint(IPAddress.Any, port), new IPEndPoint(IPAddress.IPv6Any, port) })
            .Concat(hosts.SelectMany(host => ScanLabPorts.Host.Select(port => new IPEndPoint(host, port))))
            .Concat(resetting)
            .ToList();

        return new ScanLabLayout(hosts, ScanLabNetwork.RoutedRanges, rules, listeners, resetting);
    }
}
