using System.Globalization;
using System.Net;
using System.Net.Sockets;
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
public sealed partial class TraceChain : IAsyncLifetime
{
    private const string NetnsEtc = "/etc/netns";
    private readonly string? _ip;
    private readonly string? _iptables;
    private readonly string? _ip6tables;
    private readonly string? _skipReason;
    private Exception? _setupFailure;
    private LabListeners? _listeners;
    private int _destroyed;

    public TraceChain()
    {
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        Client = $"rt-{pid}-c";
        Router1 = $"rt-{pid}-r1";
        Router2 = $"rt-{pid}-r2";
        TargetNamespace = $"rt-{pid}-t";
        _ip = LabTools.Find("ip");
        _iptables = LabTools.Find("iptables");
        _ip6tables = LabTools.Find("ip6tables");
        _skipReason = !OperatingSystem.IsLinux() ? "The trace chain needs Linux network namespaces."
            : !Environment.IsPrivilegedProcess ? "The trace chain needs root (namespaces, veth, iptables): run the tests as root, e.g. with ./test.sh."
            : _ip is null || _iptables is null || _ip6tables is null ? "The trace chain needs ip, iptables and ip6tables: apt-get install -y iproute2 iptables."
            : null;
    }

    public string Client { get; }

    public string Router1 { get; }

    public string Router2 { get; }

    public string TargetNamespace { get; }

    private IEnumerable<string> All => [Client, Router1, Router2, TargetNamespace];

    public async ValueTask InitializeAsync()
    {
        if (_skipReason is not null)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        try
        {
            await CleanStaleAsync();
            await BuildAsync();
            _listeners = LabListeners.Start(TargetNamespace, [TargetV4, TargetV6], [OpenPort]);
            await WaitUntilTheChainCarriesTrafficAsync();
        }
#pragma warning disable CA1031 // Reported by Require in every test, with the chain torn down.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            _setupFailure = ex;
            await DestroyAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await DestroyAsync();
    }

    /// <summary>Skips the test where the chain cannot exist; fails it when building it failed.</summary>
    public void Require()
    {
        if (_skipReason is not null)
        {
            Assert.Skip(_skipReason);
        }

        if (_setupFailure is not null)
        {
            throw new InvalidOperationException($"The trace chain could not be built: {_setupFailure.Message}", _setupFailure);
        }
    }

    /// <summary>Runs <c>reach ARGUMENTS</c> inside the client namespace (as <paramref name="user"/> when given, via setpriv).</summary>
    public async Task<ReachRun> RunReachAsync(string[] arguments, int? user = null, TimeSpan? timeout = null)
    {
        Require();
        IEnumerable<string> command = ReachCli.CommandLine(arguments);
        if (user is { } uid)
        {
            var id = uid.ToString(CultureInfo.InvariantCulture);
            command = ["setpriv", $"--reuid={id}", $"--regid={id}", "--clear-groups", "env", "HOME=/tmp", "DOTNET_CLI_TELEMETRY_OPTOUT=1", .. command];
        }

        var result = await CommandRunner.RunAsync(_ip!, ["netns", "exec", Client, .. command], timeout ?? TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe(maxLines: 200));
        return new ReachRun(result);
    }

    /// <summary>Sets the client's net.ipv4.ping_group_range (who may open unprivileged ICMP sockets; also for IPv6).</summary>
    public void SetPingGroupRange(string range) =>
        NetworkNamespace.Run(Client, () =>
        {
            File.WriteAllText("/proc/sys/net/ipv4/ping_group_range", range + "\n");
            return true;
        });

    private async Task BuildAsync()
    {
        foreach (var name in All)
        {
            await Ip("netns", "add", name);
            await Ip("-n", name, "link", "set", "lo", "up");
        }

        // Each pair is born inside its namespaces: no interface ever appears in the root namespace.
        await Link(Client, "c0", Router1, "r1a");
        await Link(Router1, "r1b", Router2, "r2a");
        await Link(Router2, "r2b", TargetNamespace, "t0");
        await Address(Client, "c0", ClientV4, ClientV6);
        await Address(Router1, "r1a", Router1V4, Router1V6);
        await Address(Router1, "r1b", "10.240.2.1", "fd00:5eac:f2::1");
        await Address(Router2, "r2a", Router2V4, Router2V6);
        await Address(Router2, "r2b", "10.240.3.1", "fd00:5eac:f3::1");
        await Address(TargetNamespace, "t0", TargetV4, TargetV6);

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
        await CommandRunner.RunCheckedAsync(_ip!, ["netns", "exec", Router2, _iptables!, "-w", "10", "-A", "FORWARD", .. port]);
        await CommandRunner.RunCheckedAsync(_ip!, ["netns", "exec", Router2, _ip6tables!, "-w", "10", "-A", "FORWARD", .. port]);
        WriteClientHosts();
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

    /// <summary>A fresh veth link drops IPv6 neighbour discovery for about a second: connect end to end until it works.</summary>
    private async Task WaitUntilTheChainCarriesTrafficAsync()
    {
        await Task.WhenAll(new[] { TargetV4, TargetV6 }.Select(async target =>
        {
            var address = IPAddress.Parse(target);
            for (var attempt = 0; ; attempt++)
            {
                using var socket = NetworkNamespace.Run(Client, () => new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    await socket.ConnectAsync(address, OpenPort, deadline.Token);
                    return;
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException && attempt < 5)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200));
                }
            }
        }));
    }

    /// <summary>Deletes chains left by test processes that no longer run (or whose PID is ours again).</summary>
    private async Task CleanStaleAsync()
    {
        var list = await CommandRunner.RunCheckedAsync(_ip!, "netns", "list");
        foreach (var name in list.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).Where(IsStale))
        {
            await CommandRunner.RunAsync(_ip!, ["netns", "del", name], TimeSpan.FromSeconds(30));
        }

        if (Directory.Exists(NetnsEtc))
        {
            foreach (var folder in Directory.GetDirectories(NetnsEtc).Where(f => IsStale(Path.GetFileName(f))))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static bool IsStale(string name)
    {
        var match = ChainName().Match(name);
        return match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var pid)
            && (pid == Environment.ProcessId || !Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}"));
    }

    private async Task DestroyAsync()
    {
        if (_skipReason is not null || Interlocked.Exchange(ref _destroyed, 1) != 0)
        {
            return;
        }

        // Sockets keep a namespace alive after `ip netns del`: close them first.
        if (_listeners is not null)
        {
            await _listeners.DisposeAsync();
        }

        foreach (var name in All.Where(n => File.Exists($"/var/run/netns/{n}")))
        {
            await CommandRunner.RunAsync(_ip!, ["netns", "del", name], TimeSpan.FromSeconds(30));
        }

        var folder = Path.Combine(NetnsEtc, Client);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => DestroyAsync().GetAwaiter().GetResult();

    private Task<CommandResult> Link(string left, string leftName, string right, string rightName) =>
        Ip("link", "add", leftName, "netns", left, "type", "veth", "peer", "name", rightName, "netns", right);

    private async Task Address(string name, string device, string v4, string v6)
    {
        await Ip("-n", name, "addr", "add", $"{v4}/24", "dev", device);
        await Ip("-n", name, "-6", "addr", "add", $"{v6}/64", "dev", device, "nodad");
        await Ip("-n", name, "link", "set", device, "up");
    }

    private async Task Route(string name, string v4Prefix, string v4Via, string v6Prefix, string v6Via)
    {
        await Ip("-n", name, "route", "add", v4Prefix, "via", v4Via);
        await Ip("-n", name, "-6", "route", "add", v6Prefix, "via", v6Via);
    }

    private Task<CommandResult> Ip(params string[] arguments) => CommandRunner.RunCheckedAsync(_ip!, arguments);

    [GeneratedRegex(@"^rt-(\d+)-(c|r1|r2|t)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChainName();
}
