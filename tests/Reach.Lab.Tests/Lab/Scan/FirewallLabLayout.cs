using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// The firewalled target's configuration, as data: its host addresses, its AnyIP ranges, its firewall rules (INPUT and
/// OUTPUT, in order) and its listeners. The lab is built from this object and every expected result is computed from
/// it: <see cref="Expect"/> says, for any address and port, whether the SYN finds a listener (open), no listener
/// (closed), a DROP (silence) or a REJECT (admin-prohibited), and which hazard on the way (ICMP rate limit, SYN rate
/// limit, random loss) may turn the answer into silence.
/// </summary>
public sealed class FirewallLabLayout : IScanTargetLayout
{
    private FirewallLabLayout(
        IReadOnlyList<IPAddress> hostAddresses,
        IReadOnlyList<IPNetwork> routedRanges,
        IReadOnlyList<FirewallLabRule> rules,
        IReadOnlyList<IPEndPoint> listeners)
    {
        HostAddresses = hostAddresses;
        RoutedRanges = routedRanges;
        Rules = rules;
        Listeners = listeners;
    }

    /// <summary>The layout the lab fixture builds (and bench/scan-lab/lab.sh mirrors).</summary>
    public static FirewallLabLayout Default { get; } = CreateDefault();

    /// <summary>The addresses on the firewalled target's link: the deny, reject, rate-limited and lossy hosts, both families.</summary>
    public IReadOnlyList<IPAddress> HostAddresses { get; }

    /// <summary>AnyIP ranges of the firewalled target (the default-deny /24 and /120), routed there from the client.</summary>
    public IReadOnlyList<IPNetwork> RoutedRanges { get; }

    /// <summary>The INPUT and OUTPUT rules (iptables and ip6tables), in order.</summary>
    public IReadOnlyList<FirewallLabRule> Rules { get; }

    /// <summary>Wildcard listeners (0.0.0.0 and [::], IPv6-only) on <see cref="FirewallLabNetwork.ListenPorts"/>.</summary>
    public IReadOnlyList<IPEndPoint> Listeners { get; }

    /// <summary>
    /// The lab leaves the kernel's ICMP error rate limits as they are in this namespace (it does not call
    /// <see cref="IcmpRateLimits.DisableIn"/>): a REJECT may come back as silence.
    /// </summary>
    public static bool IcmpErrorsRateLimited => true;

    public bool IsLocal(IPAddress address) =>
        HostAddresses.Contains(address) || RoutedRanges.Any(range => range.Contains(address));

    public ScanLabExpectation Expect(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        if (!IsLocal(address))
        {
            throw new ArgumentException($"{address} is not an address of the firewalled target: its ground truth is unknown");
        }

        var applying = Rules.Where(r => r.Applies(address, port)).ToList();
        var decisive = applying.FirstOrDefault(r => r.Chain == FirewallLabRule.Input && r.Decides);
        var listens = Listeners.Any(l => l.Port == port && l.AddressFamily == address.AddressFamily);
        var verdict = decisive?.Action switch
        {
            FirewallLabAction.Drop => ScanLabVerdict.Drop,
            FirewallLabAction.RejectAdminProhibited => ScanLabVerdict.RejectAdminProhibited,
            _ => listens ? ScanLabVerdict.Listen : ScanLabVerdict.NoListener,
        };
        var hazard = verdict == ScanLabVerdict.Drop ? ScanLabHazard.None
            : verdict == ScanLabVerdict.RejectAdminProhibited && IcmpErrorsRateLimited ? ScanLabHazard.IcmpRateLimit
            : applying.Any(r => r.Action == FirewallLabAction.DropSynsAboveRate) ? ScanLabHazard.SynRateLimit
            : applying.Any(r => r.Action == FirewallLabAction.DropAtRandom) ? ScanLabHazard.Loss
            : ScanLabHazard.None;
        return new ScanLabExpectation(verdict, address.AddressFamily, hazard);
    }

    /// <summary>The rules of one family as iptables-restore (ip6tables-restore) input: a filter table, no flush of other tables.</summary>
    public string RestoreScript(AddressFamily family)
    {
        var script = new StringBuilder("*filter\n");
        foreach (var rule in Rules.Where(r => r.Family == family))
        {
            script.Append(rule.Line()).Append('\n');
        }

        return script.Append("COMMIT\n").ToString();
    }

    private static FirewallLabLayout CreateDefault()
    {
        var rules = new List<FirewallLabRule>();
        var hosts = new List<IPAddress>();
        var ranges = new List<IPNetwork>();
        foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
        {
            var deny = Host(FirewallLabNetwork.Deny(family));
            var reject = Host(FirewallLabNetwork.Reject(family));
            var limited = Host(FirewallLabNetwork.Limited(family));
            var lossy = Host(FirewallLabNetwork.Lossy(family));
            var deny24 = IPNetwork.Parse(FirewallLabNetwork.Deny24(family));
            hosts.AddRange([deny.BaseAddress, reject.BaseAddress, limited.BaseAddress, lossy.BaseAddress]);
            ranges.Add(deny24);

            rules.AddRange(FirewallLabNetwork.OpenPorts.Select(p => new FirewallLabRule(FirewallLabRule.Input, deny, FirewallLabAction.Accept, p)));
            rules.Add(new(FirewallLabRule.Input, deny, FirewallLabAction.Drop));
            rules.AddRange(FirewallLabNetwork.OpenPorts.Select(p => new FirewallLabRule(FirewallLabRule.Input, reject, FirewallLabAction.Accept, p)));
            rules.Add(new(FirewallLabRule.Input, reject, FirewallLabAction.RejectAdminProhibited));
            rules.Add(new(FirewallLabRule.Input, limited, FirewallLabAction.DropSynsAboveRate));
            rules.Add(new(FirewallLabRule.Input, lossy, FirewallLabAction.DropAtRandom));
            rules.Add(new(FirewallLabRule.Output, lossy, FirewallLabAction.DropAtRandom));
            var lastByte = 0;
            foreach (var address in IpRanges.Addresses(deny24))
            {
                rules.AddRange(FirewallLabNetwork.Deny24OpenPorts(lastByte++)
                    .Select(p => new FirewallLabRule(FirewallLabRule.Input, Host(address), FirewallLabAction.Accept, p)));
            }

            rules.Add(new(FirewallLabRule.Input, deny24, FirewallLabAction.Drop));
        }

        var listeners = FirewallLabNetwork.ListenPorts
            .SelectMany(port => new[] { new IPEndPoint(IPAddress.Any, port), new IPEndPoint(IPAddress.IPv6Any, port) })
            .ToList();
        return new FirewallLabLayout(hosts, ranges, rules, listeners);
    }

    private static IPNetwork Host(string address) => Host(IPAddress.Parse(address));

    private static IPNetwork Host(IPAddress address) =>
        new(address, address.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32);
}
