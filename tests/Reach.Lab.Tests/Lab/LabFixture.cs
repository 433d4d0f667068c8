using System.Net.Sockets;
using Reach.Lab.Tests.Lab.Scan;

namespace Reach.Lab.Tests.Lab;

/// <summary>
/// The network lab, built once for the whole test assembly and torn down at its end.
/// <list type="bullet">
/// <item>Client namespace <c>rl-PID-c</c> (10.231.0.1, fd00:5eac::1) and target namespace <c>rl-PID-t</c>
/// (10.231.0.2, fd00:5eac::2), joined by one veth link; no default route anywhere.</item>
/// <item>In the target: listeners and firewall rules as described by <see cref="LabPorts"/>, AnyIP ranges, ICMP error
/// rate limits off.</item>
/// <item>Scan target namespace <c>rl-PID-s</c> on a second link from the client: the port-rich host, AnyIP and dead
/// ranges, firewall rules and listeners of <see cref="ScanLabLayout.Default"/> (see <see cref="ScanLabNetwork"/>).</item>
/// <item>Firewalled target namespace <c>rl-PID-f</c> on a third link from the client: default-deny, default-reject,
/// rate-limited and lossy hosts and a /24 of default-deny hosts, as <see cref="FirewallLabLayout.Default"/> says (see
/// <see cref="FirewallLabNetwork"/>).</item>
/// <item>In the client: <see cref="LabNetwork.TargetName"/>, <see cref="LabNetwork.V4OnlyName"/> and
/// <see cref="ScanLabNetwork.HostName"/> in its hosts file; every other name fails to resolve locally.</item>
/// </list>
/// Tests start with <see cref="RequireLab"/>: it skips them when the lab cannot be built here (not root, no ip),
/// and fails them when it should have been built but was not.
/// </summary>
public sealed class LabFixture : NamespaceLab
{
    private LabListeners? _listeners;
    private LabListeners? _scanListeners;
    private LabListeners? _firewallListeners;

    public LabFixture()
        : base("network lab", LabBuilder.LabName(), "iptables", "ip6tables", "iptables-restore", "ip6tables-restore")
    {
        ClientNamespace = LabBuilder.ClientName(Environment.ProcessId);
        TargetNamespace = LabBuilder.TargetName(Environment.ProcessId);
        ScanNamespace = LabBuilder.ScanName(Environment.ProcessId);
        FirewallNamespace = LabBuilder.FirewallName(Environment.ProcessId);
    }

    /// <summary>The namespace the probing side runs in: only the lab link, no default route.</summary>
    public string ClientNamespace { get; }

    /// <summary>The namespace holding the target's addresses, listeners and firewall.</summary>
    public string TargetNamespace { get; }

    /// <summary>The namespace of the scan target (<see cref="ScanLabLayout.Default"/>).</summary>
    public string ScanNamespace { get; }

    /// <summary>The namespace of the firewalled target (<see cref="FirewallLabLayout.Default"/>).</summary>
    public string FirewallNamespace { get; }

    /// <summary>The target's listeners (valid once <see cref="RequireLab"/> passed).</summary>
    public LabListeners Listeners => _listeners ?? throw new InvalidOperationException("The lab is not running.");

    /// <summary>The scan target's listeners (valid once <see cref="RequireLab"/> passed).</summary>
    public LabListeners ScanListeners => _scanListeners ?? throw new InvalidOperationException("The lab is not running.");

    /// <summary>The firewalled target's listeners (valid once <see cref="RequireLab"/> passed).</summary>
    public LabListeners FirewallListeners => _firewallListeners ?? throw new InvalidOperationException("The lab is not running.");

    /// <summary>The scan target's configuration: what the lab was built from, and the source of every scan ground truth.</summary>
    public ScanLabLayout ScanLayout { get; } = ScanLabLayout.Default;

    /// <summary>The firewalled target's configuration: what it was built from, and the source of its ground truth.</summary>
    public FirewallLabLayout FirewallLayout { get; } = FirewallLabLayout.Default;

    protected override IEnumerable<string> Namespaces => [ClientNamespace, TargetNamespace, ScanNamespace, FirewallNamespace];

    /// <summary>Skips the calling test when the lab cannot exist here; fails it when building the lab failed.</summary>
    public void RequireLab() => Require();

    public override void Require()
    {
        base.Require();
        if (_listeners is null || _scanListeners is null || _firewallListeners is null)
        {
            throw new InvalidOperationException("The network lab is not running.");
        }
    }

    /// <summary>
    /// Runs a command inside the client namespace (<c>ip netns exec CLIENT command...</c>, so the client's hosts and
    /// resolv.conf apply), capturing its output. It is killed after <paramref name="timeout"/> (default 30 s).
    /// </summary>
    public Task<CommandResult> RunInClientAsync(
        IEnumerable<string> command,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        RunRequiringLabAsync(ClientNamespace, command, timeout, cancellationToken);

    /// <summary>Runs a command inside the target namespace (to inspect it: iptables counters, ss, sysctl).</summary>
    public Task<CommandResult> RunInTargetAsync(
        IEnumerable<string> command,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        RunRequiringLabAsync(TargetNamespace, command, timeout, cancellationToken);

    /// <summary>Runs a command inside the scan target's namespace (to inspect it: counters, ss, iptables -L -v).</summary>
    public Task<CommandResult> RunInScanTargetAsync(
        IEnumerable<string> command,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        RunRequiringLabAsync(ScanNamespace, command, timeout, cancellationToken);

    /// <summary>Runs a command inside the firewalled target's namespace (counters, iptables -L -v, sysctl).</summary>
    public Task<CommandResult> RunInFirewallTargetAsync(
        IEnumerable<string> command,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        RunRequiringLabAsync(FirewallNamespace, command, timeout, cancellationToken);

    /// <summary>A new TCP socket that lives in the client namespace: connect it from any thread.</summary>
    public Socket CreateClientSocket(AddressFamily family)
    {
        RequireLab();
        return NetworkNamespace.CreateTcpSocket(ClientNamespace, family);
    }

    /// <summary>Many new TCP sockets living in the client namespace, made by one thread that entered it.</summary>
    public IReadOnlyList<Socket> CreateClientSockets(AddressFamily family, int count)
    {
        RequireLab();
        return NetworkNamespace.CreateTcpSockets(ClientNamespace, family, count);
    }

    protected override async Task BuildAsync()
    {
        var builder = new LabBuilder(Ip, Tool("iptables"), Tool("ip6tables"));
        await builder.CreateAsync(ClientNamespace, TargetNamespace);
        await builder.CreateScanTargetAsync(ClientNamespace, ScanNamespace, ScanLayout);
        await builder.CreateFirewallTargetAsync(
            ClientNamespace, FirewallNamespace, FirewallLayout, (Tool("iptables-restore"), Tool("ip6tables-restore")));
    }

    protected override async Task StartAsync()
    {
        _listeners = LabListeners.Start(
            TargetNamespace,
            [LabNetwork.TargetV4, LabNetwork.TargetV6],
            LabPorts.Open);
        _scanListeners = LabListeners.Start(
            ScanNamespace,
            ScanLayout.Listeners,
            backlog: LabBuilder.ScanAcceptBacklog,
            acceptorsPerSocket: 2,
            resetAfterAccept: ScanLayout.ResettingListeners);
        _firewallListeners = LabListeners.Start(
            FirewallNamespace,
            FirewallLayout.Listeners,
            backlog: LabBuilder.ScanAcceptBacklog,
            acceptorsPerSocket: 2);
        await WaitUntilConnectsAsync(
            ClientNamespace,
            LabPorts.Http,
            LabNetwork.TargetV4,
            LabNetwork.TargetV6,
            ScanLabNetwork.HostV4,
            ScanLabNetwork.HostV6);
        // Every host of the firewalled link (and the first of each range) listens on 22 and lets it through; the lossy
        // host may need a second try.
        await WaitUntilConnectsAsync(
            ClientNamespace,
            FirewallLabNetwork.OpenPorts[0],
            [.. FirewallLayout.HostAddresses.Select(a => a.ToString()), .. FirewallLayout.RoutedRanges.Select(r => r.BaseAddress.ToString())]);
    }

    protected override async ValueTask StopAsync()
    {
        if (_listeners is not null)
        {
            await _listeners.DisposeAsync();
        }

        if (_scanListeners is not null)
        {
            await _scanListeners.DisposeAsync();
        }

        if (_firewallListeners is not null)
        {
            await _firewallListeners.DisposeAsync();
        }
    }

    private Task<CommandResult> RunRequiringLabAsync(
        string namespaceName,
        IEnumerable<string> command,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        RequireLab();
        return RunInAsync(namespaceName, command, timeout ?? TimeSpan.FromSeconds(30), cancellationToken);
    }
}
