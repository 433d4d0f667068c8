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
/// <item>In the client: <see cref="LabNetwork.TargetName"/>, <see cref="LabNetwork.V4OnlyName"/> and
/// <see cref="ScanLabNetwork.HostName"/> in its hosts file; every other name fails to resolve locally.</item>
/// </list>
/// Tests start with <see cref="RequireLab"/>: it skips them when the lab cannot be built here (not root, no ip),
/// and fails them when it should have been built but was not.
/// </summary>
public sealed class LabFixture : IAsyncLifetime
{
    private readonly LabBuilder? _builder;
    private readonly string? _skipReason;
    private Exception? _setupFailure;
    private LabListeners? _listeners;
    private LabListeners? _scanListeners;
    private int _destroyed;

    public LabFixture()
    {
        ClientNamespace = LabBuilder.ClientName(Environment.ProcessId);
        TargetNamespace = LabBuilder.TargetName(Environment.ProcessId);
        ScanNamespace = LabBuilder.ScanName(Environment.ProcessId);

        var ip = LabTools.Find("ip");
        var iptables = LabTools.Find("iptables");
        var ip6tables = LabTools.Find("ip6tables");
        if (!OperatingSystem.IsLinux())
        {
            _skipReason = "The network lab needs Linux network namespaces.";
        }
        else if (!Environment.IsPrivilegedProcess)
        {
            _skipReason = "The network lab needs root (network namespaces, veth, iptables): run the tests as root, e.g. with ./test.sh.";
        }
        else if (ip is null || iptables is null || ip6tables is null)
        {
            var missing = new[] { ("ip", ip), ("iptables", iptables), ("ip6tables", ip6tables) }
                .Where(tool => tool.Item2 is null)
                .Select(tool => tool.Item1);
            _skipReason = $"The network lab needs {string.Join(", ", missing)}: apt-get install -y iproute2 iptables (./test.sh does).";
        }
        else
        {
            _builder = new LabBuilder(ip, iptables, ip6tables);
            IpPath = ip;
        }
    }

    /// <summary>The namespace the probing side runs in: only the lab link, no default route.</summary>
    public string ClientNamespace { get; }

    /// <summary>The namespace holding the target's addresses, listeners and firewall.</summary>
    public string TargetNamespace { get; }

    /// <summary>The namespace of the scan target (<see cref="ScanLabLayout.Default"/>).</summary>
    public string ScanNamespace { get; }

    /// <summary>The absolute path of <c>ip</c> (valid once <see cref="RequireLab"/> passed).</summary>
    public string IpPath { get; } = "ip";

    /// <summary>The target's listeners (valid once <see cref="RequireLab"/> passed).</summary>
    public LabListeners Listeners => _listeners ?? throw new InvalidOperationException("The lab is not running.");

    /// <summary>The scan target's listeners (valid once <see cref="RequireLab"/> passed).</summary>
    public LabListeners ScanListeners => _scanListeners ?? throw new InvalidOperationException("The lab is not running.");

    /// <summary>The scan target's configuration: what the lab was built from, and the source of every scan ground truth.</summary>
    public ScanLabLayout ScanLayout { get; } = ScanLabLayout.Default;

    public async ValueTask InitializeAsync()
    {
        if (_builder is null)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        try
        {
            await _builder.CleanStaleAsync();
            await _builder.CreateAsync(ClientNamespace, TargetNamespace);
            _listeners = LabListeners.Start(
                TargetNamespace,
                [LabNetwork.TargetV4, LabNetwork.TargetV6],
                LabPorts.Open);
            await _builder.CreateScanTargetAsync(ClientNamespace, ScanNamespace, ScanLayout);
            _scanListeners = LabListeners.Start(
                ScanNamespace,
                ScanLayout.Listeners,
                backlog: LabBuilder.ScanAcceptBacklog,
                acceptorsPerSocket: 2,
                resetAfterAccept: ScanLayout.ResettingListeners);
            await WaitUntilTheLinkCarriesTrafficAsync();
        }
#pragma warning disable CA1031 // Reported by RequireLab in every lab test, with the lab torn down.
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

    /// <summary>Skips the calling test when the lab cannot exist here; fails it when building the lab failed.</summary>
    public void RequireLab()
    {
        if (_skipReason is not null)
        {
            Assert.Skip(_skipReason);
        }

        if (_setupFailure is not null)
        {
            throw new InvalidOperationException($"The network lab could not be built: {_setupFailure.Message}", _setupFailure);
        }

        if (_listeners is null || _scanListeners is null || Volatile.Read(ref _destroyed) != 0)
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
        RunInAsync(ClientNamespace, command, timeout, cancellationToken);

    /// <summary>Runs a command inside the target namespace (to inspect it: iptables counters, ss, sysctl).</summary>
    public Task<CommandResult> RunInTargetAsync(
        IEnumerable<string> command,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        RunInAsync(TargetNamespace, command, timeout, cancellationToken);

    /// <summary>Runs a command inside the scan target's namespace (to inspect it: counters, ss, iptables -L -v).</summary>
    public Task<CommandResult> RunInScanTargetAsync(
        IEnumerable<string> command,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default) =>
        RunInAsync(ScanNamespace, command, timeout, cancellationToken);

    /// <summary>A new TCP socket that lives in the client namespace: connect it from any thread.</summary>
    public Socket CreateClientSocket(AddressFamily family)
    {
        RequireLab();
        return NetworkNamespace.Run(ClientNamespace, () => new Socket(family, SocketType.Stream, ProtocolType.Tcp));
    }

    /// <summary>Many new TCP sockets living in the client namespace, made by one thread that entered it.</summary>
    public IReadOnlyList<Socket> CreateClientSockets(AddressFamily family, int count)
    {
        RequireLab();
        return NetworkNamespace.Run(ClientNamespace, () =>
        {
            var sockets = new List<Socket>(count);
            try
            {
                for (var i = 0; i < count; i++)
                {
                    sockets.Add(new Socket(family, SocketType.Stream, ProtocolType.Tcp));
                }

                return sockets;
            }
            catch
            {
                sockets.ForEach(s => s.Dispose());
                throw;
            }
        });
    }

    /// <summary>
    /// A fresh veth link does not carry IPv6 at once: for about a second after it comes up, neighbour solicitations
    /// go unanswered and the first IPv6 packets wait for the retransmitted one (a 1 s probe would see no-response).
    /// Connect to both targets over both families until they answer, so tests start on settled links.
    /// </summary>
    private async Task WaitUntilTheLinkCarriesTrafficAsync()
    {
        string[] targets = [LabNetwork.TargetV4, LabNetwork.TargetV6, ScanLabNetwork.HostV4, ScanLabNetwork.HostV6];
        await Task.WhenAll(targets.Select(async target =>
        {
            var address = System.Net.IPAddress.Parse(target);
            var errors = new List<string>();
            for (var attempt = 0; attempt < 5; attempt++)
            {
                using var socket = NetworkNamespace.Run(
                    ClientNamespace,
                    () => new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp));
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    await socket.ConnectAsync(address, LabPorts.Http, deadline.Token);
                    return;
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException)
                {
                    errors.Add(ex.Message);
                    await Task.Delay(TimeSpan.FromMilliseconds(200));
                }
            }

            throw new InvalidOperationException(
                $"The client cannot reach {target} port {LabPorts.Http}: {string.Join("; ", errors)}");
        }));
    }

    private Task<CommandResult> RunInAsync(
        string namespaceName,
        IEnumerable<string> command,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        RequireLab();
        return CommandRunner.RunAsync(
            IpPath,
            ["netns", "exec", namespaceName, .. command],
            timeout ?? TimeSpan.FromSeconds(30),
            cancellationToken);
    }

    private async Task DestroyAsync()
    {
        if (_builder is null || Interlocked.Exchange(ref _destroyed, 1) != 0)
        {
            return;
        }

        // Sockets keep a namespace alive after `ip netns del`: close them first.
        if (_listeners is not null)
        {
            await _listeners.DisposeAsync();
        }

        if (_scanListeners is not null)
        {
            await _scanListeners.DisposeAsync();
        }

        await _builder.DestroyAsync(ClientNamespace, TargetNamespace, ScanNamespace);
    }

    /// <summary>Last resort when the process ends without disposing the fixture.</summary>
    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (_builder is not null && Interlocked.Exchange(ref _destroyed, 1) == 0)
        {
            _builder.Destroy(ClientNamespace, TargetNamespace, ScanNamespace);
        }
    }
}
