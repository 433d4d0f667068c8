using System.Globalization;
using System.Text.RegularExpressions;

namespace Reach.Lab.Tests.Lab;

/// <summary>
/// The ip / iptables / ip6tables commands that build and tear down the lab. Two namespaces joined by one veth link,
/// no default route anywhere, firewall rules in the target, a hosts file for the client.
/// </summary>
internal sealed partial class LabBuilder(string ip, string iptables, string ip6tables)
{
    /// <summary>Every lab namespace is called <c>rl-PID-c</c>, <c>rl-PID-t</c> or <c>rl-PID-s</c>, PID being the test process.</summary>
    public const string NamePrefix = "rl-";

    private const string NetnsEtc = "/etc/netns";
    private const string ClientLink = "veth-c";
    private const string TargetLink = "veth-t";

    public static string ClientName(int pid) => $"{NamePrefix}{pid.ToString(CultureInfo.InvariantCulture)}-c";

    public static string TargetName(int pid) => $"{NamePrefix}{pid.ToString(CultureInfo.InvariantCulture)}-t";

    /// <summary>The scan target's namespace (see LabBuilder.Scan.cs).</summary>
    public static string ScanName(int pid) => $"{NamePrefix}{pid.ToString(CultureInfo.InvariantCulture)}-s";

    /// <summary>
    /// Deletes lab namespaces (and their /etc/netns folders) left by test processes that died before cleaning up:
    /// those whose PID no longer runs, or is ours (a PID reused after a crash).
    /// </summary>
    public async Task CleanStaleAsync()
    {
        var list = await CommandRunner.RunCheckedAsync(ip, "netns", "list");
        var names = list.StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0]);
        foreach (var name in names.Where(IsStale))
        {
            await CommandRunner.RunAsync(ip, ["netns", "del", name], TimeSpan.FromSeconds(30));
        }

        if (Directory.Exists(NetnsEtc))
        {
            foreach (var folder in Directory.GetDirectories(NetnsEtc).Where(f => IsStale(Path.GetFileName(f))))
            {
                Directory.Delete(folder, recursive: true);
            }

            RemoveNetnsEtcIfEmpty();
        }
    }

    public async Task CreateAsync(string client, string target)
    {
        await Ip("netns", "add", client);
        await Ip("netns", "add", target);

        // Both ends are born inside their namespaces: no interface ever appears in the root namespace.
        await Ip("link", "add", ClientLink, "netns", client, "type", "veth", "peer", "name", TargetLink, "netns", target);

        await Ip("-n", client, "link", "set", "lo", "up");
        await Ip("-n", target, "link", "set", "lo", "up");
        await Ip("-n", client, "addr", "add", $"{LabNetwork.ClientV4}/24", "dev", ClientLink);
        await Ip("-n", target, "addr", "add", $"{LabNetwork.TargetV4}/24", "dev", TargetLink);
        await Ip("-n", client, "-6", "addr", "add", $"{LabNetwork.ClientV6}/64", "dev", ClientLink, "nodad");
        await Ip("-n", target, "-6", "addr", "add", $"{LabNetwork.TargetV6}/64", "dev", TargetLink, "nodad");
        await Ip("-n", client, "link", "set", ClientLink, "up");
        await Ip("-n", target, "link", "set", TargetLink, "up");

        // AnyIP: the target owns whole ranges; the client routes them via the target (not a default route).
        await Ip("-n", target, "route", "add", "local", LabNetwork.AnyIpV4Prefix, "dev", "lo");
        await Ip("-n", target, "-6", "route", "add", "local", LabNetwork.AnyIpV6Prefix, "dev", "lo");
        await Ip("-n", client, "route", "add", LabNetwork.AnyIpV4Prefix, "via", LabNetwork.TargetV4);
        await Ip("-n", client, "-6", "route", "add", LabNetwork.AnyIpV6Prefix, "via", LabNetwork.TargetV6);

        IcmpRateLimits.DisableIn(target);
        await AddFirewallRulesAsync(target);
        WriteClientResolverFiles(client);
    }

    /// <summary>Deletes the namespaces (which destroys the veth pairs and the rules) and the client's /etc/netns folder.</summary>
    public async Task DestroyAsync(string client, string target, string scan)
    {
        foreach (var name in new[] { client, target, scan })
        {
            if (File.Exists($"/var/run/netns/{name}"))
            {
                await CommandRunner.RunAsync(ip, ["netns", "del", name], TimeSpan.FromSeconds(30));
            }
        }

        RemoveClientResolverFiles(client);
    }

    /// <summary>The same as <see cref="DestroyAsync"/>, blocking: for a process-exit handler.</summary>
    public void Destroy(string client, string target, string scan) => DestroyAsync(client, target, scan).GetAwaiter().GetResult();

    private static bool IsStale(string name)
    {
        var match = LabName().Match(name);
        if (!match.Success || !int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        return pid == Environment.ProcessId || !Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}");
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
        string[] command =
        [
            "netns", "exec", target, tool, "-w", "10", "-A", "INPUT", "-p", "tcp",
            "--dport", port.ToString(CultureInfo.InvariantCulture), .. verdict,
        ];
        await CommandRunner.RunCheckedAsync(ip, command);
    }

    /// <summary>
    /// <c>ip netns exec</c> bind-mounts /etc/netns/NAME/* over /etc/*. The client resolves lab names from its hosts
    /// file; any other name goes to a name server on the namespace's own loopback, where nothing listens, so the
    /// query fails locally. nsswitch.conf is pinned to "files dns" so no other resolver (systemd-resolved, mDNS) is asked.
    /// </summary>
    private static void WriteClientResolverFiles(string client)
    {
        var folder = Path.Combine(NetnsEtc, client);
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

    private static void RemoveClientResolverFiles(string client)
    {
        var folder = Path.Combine(NetnsEtc, client);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        RemoveNetnsEtcIfEmpty();
    }

    private static void RemoveNetnsEtcIfEmpty()
    {
        try
        {
            if (Directory.Exists(NetnsEtc) && !Directory.EnumerateFileSystemEntries(NetnsEtc).Any())
            {
                Directory.Delete(NetnsEtc);
            }
        }
        catch (IOException)
        {
            // Another lab created its folder meanwhile: leave /etc/netns to it.
        }
    }

    private Task<CommandResult> Ip(params string[] arguments) => CommandRunner.RunCheckedAsync(ip, arguments);

    [GeneratedRegex(@"^rl-(\d+)-[ctskw]$", RegexOptions.CultureInvariant)]
    private static partial Regex LabName();
}
