using System.Globalization;
using System.Text.RegularExpressions;

namespace Reach.Lab.Tests.Lab;

/// <summary>
/// The ip / iptables / ip6tables commands that build the lab (<see cref="LabFixture"/> tears it down). Two namespaces
/// joined by one veth link, no default route anywhere, firewall rules in the target, a hosts file for the client.
/// </summary>
internal sealed partial class LabBuilder(LabIp ip, string iptables, string ip6tables)
{
    /// <summary>Every lab namespace is called <c>rl-PID-c</c>, <c>rl-PID-t</c>, <c>rl-PID-s</c> or <c>rl-PID-f</c>, PID being the test process.</summary>
    public const string NamePrefix = "rl-";

    private const string ClientLink = "veth-c";
    private const string TargetLink = "veth-t";

    public static string ClientName(int pid) => $"{NamePrefix}{pid.ToString(CultureInfo.InvariantCulture)}-c";

    public static string TargetName(int pid) => $"{NamePrefix}{pid.ToString(CultureInfo.InvariantCulture)}-t";

    /// <summary>The scan target's namespace (see LabBuilder.Scan.cs).</summary>
    public static string ScanName(int pid) => $"{NamePrefix}{pid.ToString(CultureInfo.InvariantCulture)}-s";

    /// <summary>Every lab namespace name of this kind (also the sockets tests' <c>rl-PID-k</c> and <c>rl-PID-w</c>); group 1 is the PID.</summary>
    [GeneratedRegex(@"^rl-(\d+)-[ctsfkw]$", RegexOptions.CultureInvariant)]
    public static partial Regex LabName();

    public async Task CreateAsync(string client, string target)
    {
        await ip.AddNamespaceAsync(client);
        await ip.AddNamespaceAsync(target);
        await ip.AddVethAsync(client, ClientLink, target, TargetLink);
        await ip.AddAddressesAsync(client, ClientLink, LabNetwork.ClientV4, LabNetwork.ClientV6);
        await ip.AddAddressesAsync(target, TargetLink, LabNetwork.TargetV4, LabNetwork.TargetV6);

        // AnyIP: the target owns whole ranges; the client routes them via the target (not a default route).
        await ip.RunAsync("-n", target, "route", "add", "local", LabNetwork.AnyIpV4Prefix, "dev", "lo");
        await ip.RunAsync("-n", target, "-6", "route", "add", "local", LabNetwork.AnyIpV6Prefix, "dev", "lo");
        await ip.RunAsync("-n", client, "route", "add", LabNetwork.AnyIpV4Prefix, "via", LabNetwork.TargetV4);
        await ip.RunAsync("-n", client, "-6", "route", "add", LabNetwork.AnyIpV6Prefix, "via", LabNetwork.TargetV6);

        IcmpRateLimits.DisableIn(target);
        await AddFirewallRulesAsync(target);
        WriteClientResolverFiles(client);
    }

    private async Task AddFirewallRulesAsync(string target)
    {
        (int Port, string V4, string V6)[] rules =
        [
            (LabPorts.Drop, "DROP", "DROP"),
            (LabPorts.HostUnreachable, "icmp-host-unreachable", "icmp6-addr-unreachable"),
            (LabPorts.AdminProhibited, "icmp-admin-prohibited", "icmp6-adm-prohibited"),
            (LabPorts.NetUnreachable, "icmp-net-unreachable", "icmp6-no-route"),
            (LabPorts.PortUnreachable, "icmp-port-unreachable", "icmp6-port-unreachable"),
        ];

        foreach (var (port, v4, v6) in rules)
        {
            await Firewall(iptables, target, port, v4);
            await Firewall(ip6tables, target, port, v6);
        }
    }

    private async Task Firewall(string tool, string target, int port, string action)
    {
        string[] verdict = action == "DROP" ? ["-j", "DROP"] : ["-j", "REJECT", "--reject-with", action];
        await ip.ExecAsync(target, tool, ["-w", "10", "-A", "INPUT", "-p", "tcp", "--dport", port.ToString(CultureInfo.InvariantCulture), .. verdict]);
    }

    /// <summary>
    /// <c>ip netns exec</c> bind-mounts /etc/netns/NAME/* over /etc/*. The client resolves lab names from its hosts
    /// file; any other name goes to a name server on the namespace's own loopback, where nothing listens, so the
    /// query fails locally. nsswitch.conf is pinned to "files dns" so no other resolver (systemd-resolved, mDNS) is asked.
    /// </summary>
    private static void WriteClientResolverFiles(string client)
    {
        var folder = Path.Combine(NamespaceLab.NetnsEtc, client);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "hosts"), $"""
            127.0.0.1 localhost
            ::1 localhost
            {LabNetwork.TargetV4} {LabNetwork.TargetName}
            {LabNetwork.TargetV6} {LabNetwork.TargetName}
            {LabNetwork.TargetV4} {LabNetwork.V4OnlyName}
            {Scan.ScanLabNetwork.HostV4} {Scan.ScanLabNetwork.HostName}
            {Scan.ScanLabNetwork.HostV6} {Scan.ScanLabNetwork.HostName}

            """);
        File.WriteAllText(Path.Combine(folder, "resolv.conf"), "nameserver 127.0.0.1\noptions timeout:1 attempts:1\n");

        if (File.Exists("/etc/nsswitch.conf"))
        {
            var lines = File.ReadAllLines("/etc/nsswitch.conf")
                .Where(line => !line.TrimStart().StartsWith("hosts:", StringComparison.Ordinal))
                .Append("hosts: files dns");
            File.WriteAllLines(Path.Combine(folder, "nsswitch.conf"), lines);
        }
    }
}
