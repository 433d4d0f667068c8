using System.Globalization;
using System.Text.RegularExpressions;
using Reach.Lab.Tests.Cli;
using static Reach.Lab.Tests.Lab.Trace.TraceChainNetwork;

namespace Reach.Lab.Tests.Lab.Trace;

/// <summary>
/// A chain of four namespaces for <c>reach trace</c>: <c>rt-PID-c</c> (client) → <c>rt-PID-r1</c> → <c>rt-PID-r2</c> →
/// <c>rt-PID-t</c> (target), joined by veth pairs, IPv4 and IPv6. The routers forward (ip_forward, IPv6 forwarding),
/// answer expired TTLs with ICMP time exceeded (ICMP rate limits off) and router2 drops <see cref="TraceChainNetwork.DroppedPort"/>
/// in its FORWARD chain. Static routes only, no default route anywhere. The client's hosts file names the hops.
/// Built per test class; deleted afterwards, also when building failed or the process exits early.
/// </summary>
public sealed partial class TraceChain : NamespaceLab
{
    private LabListeners? _listeners;

    public TraceChain()
        : base("trace chain", ChainName(), "iptables", "ip6tables")
    {
        Client = $"rt-{Pid}-c";
        Router1 = $"rt-{Pid}-r1";
        Router2 = $"rt-{Pid}-r2";
        TargetNamespace = $"rt-{Pid}-t";
    }

    public string Client { get; }

    public string Router1 { get; }

    public string Router2 { get; }

    public string TargetNamespace { get; }

    protected override IEnumerable<string> Namespaces => [Client, Router1, Router2, TargetNamespace];

    /// <summary>Runs <c>reach ARGUMENTS</c> inside the client namespace (as <paramref name="user"/> when given, via setpriv).</summary>
    public Task<ReachRun> RunReachAsync(string[] arguments, int? user = null, TimeSpan? timeout = null) =>
        RunReachInAsync(Client, arguments, user, timeout);

    /// <summary>Sets the client's net.ipv4.ping_group_range (who may open unprivileged ICMP sockets; also for IPv6).</summary>
    public void SetPingGroupRange(string range) =>
        NetworkNamespace.Run(Client, () =>
        {
            File.WriteAllText("/proc/sys/net/ipv4/ping_group_range", range + "\n");
            return true;
        });

    protected override async Task BuildAsync()
    {
        foreach (var name in Namespaces)
        {
            await Ip.AddNamespaceAsync(name);
        }

        await Ip.AddVethAsync(Client, "c0", Router1, "r1a");
        await Ip.AddVethAsync(Router1, "r1b", Router2, "r2a");
        await Ip.AddVethAsync(Router2, "r2b", TargetNamespace, "t0");
        await Ip.AddAddressesAsync(Client, "c0", ClientV4, ClientV6);
        await Ip.AddAddressesAsync(Router1, "r1a", Router1V4, Router1V6);
        await Ip.AddAddressesAsync(Router1, "r1b", "10.240.2.1", "fd00:5eac:f2::1");
        await Ip.AddAddressesAsync(Router2, "r2a", Router2V4, Router2V6);
        await Ip.AddAddressesAsync(Router2, "r2b", "10.240.3.1", "fd00:5eac:f3::1");
        await Ip.AddAddressesAsync(TargetNamespace, "t0", TargetV4, TargetV6);

        // Static routes to the chain's own prefixes only; no default route anywhere.
        await Route(Client, "10.240.0.0/16", Router1V4, "fd00:5eac:f0::/44", Router1V6);
        await Route(Router1, "10.240.3.0/24", Router2V4, "fd00:5eac:f3::/64", Router2V6);
        await Route(Router2, "10.240.1.0/24", "10.240.2.1", "fd00:5eac:f1::/64", "fd00:5eac:f2::1");
        await Route(TargetNamespace, "10.240.0.0/16", "10.240.3.1", "fd00:5eac:f0::/44", "fd00:5eac:f3::1");

        foreach (var router in new[] { Router1, Router2 })
        {
            ConfigureRouter(router);
        }

        string[] port = ["-p", "tcp", "--dport", DroppedPort.ToString(CultureInfo.InvariantCulture), "-j", "DROP"];
        await Ip.ExecAsync(Router2, Tool("iptables"), ["-w", "10", "-A", "FORWARD", .. port]);
        await Ip.ExecAsync(Router2, Tool("ip6tables"), ["-w", "10", "-A", "FORWARD", .. port]);
        string[] rejected = ["-p", "tcp", "--dport", RejectedPort.ToString(CultureInfo.InvariantCulture), "-j", "REJECT", "--reject-with"];
        await Ip.ExecAsync(Router1, Tool("iptables"), ["-w", "10", "-A", "FORWARD", .. rejected, "icmp-admin-prohibited"]);
        await Ip.ExecAsync(Router1, Tool("ip6tables"), ["-w", "10", "-A", "FORWARD", .. rejected, "icmp6-adm-prohibited"]);
        WriteClientHosts();
    }

    protected override async Task StartAsync()
    {
        _listeners = LabListeners.Start(TargetNamespace, [TargetV4, TargetV6], [OpenPort]);
        await WaitUntilConnectsAsync(Client, OpenPort, TargetV4, TargetV6);
    }

    protected override async ValueTask StopAsync()
    {
        if (_listeners is not null)
        {
            await _listeners.DisposeAsync();
        }
    }

    /// <summary>Forwarding on; ICMP errors never rate-limited, so every expired probe gets its time exceeded.</summary>
    private static void ConfigureRouter(string router)
    {
        NetworkNamespace.Run(router, () =>
        {
            // /proc/sys/net is the namespace of the thread that opens it.
            File.WriteAllText("/proc/sys/net/ipv4/ip_forward", "1\n");
            File.WriteAllText("/proc/sys/net/ipv6/conf/all/forwarding", "1\n");
            return true;
        });
        IcmpRateLimits.DisableIn(router);
    }

    /// <summary>Reverse names come from the client's hosts file; any other lookup goes to 127.0.0.1:53, where nothing listens.</summary>
    private void WriteClientHosts()
    {
        var folder = Path.Combine(NetnsEtc, Client);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "hosts"), $"""
            127.0.0.1 localhost
            ::1 localhost
            {Router1V4} {Router1Name}
            {Router1V6} {Router1Name}
            {Router2V4} {Router2Name}
            {Router2V6} {Router2Name}
            {TargetV4} {TargetName}
            {TargetV6} {TargetName}

            """);
        File.WriteAllText(Path.Combine(folder, "resolv.conf"), "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");
        File.WriteAllText(Path.Combine(folder, "nsswitch.conf"), "hosts: files dns\n");
    }

    private async Task Route(string name, string v4Prefix, string v4Via, string v6Prefix, string v6Via)
    {
        await Ip.RunAsync("-n", name, "route", "add", v4Prefix, "via", v4Via);
        await Ip.RunAsync("-n", name, "-6", "route", "add", v6Prefix, "via", v6Via);
    }

    /// <summary>Every chain namespace (and /etc/netns folder) name; group 1 is the PID.</summary>
    [GeneratedRegex(@"^rt-(\d+)-(c|r1|r2|t)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChainName();
}
