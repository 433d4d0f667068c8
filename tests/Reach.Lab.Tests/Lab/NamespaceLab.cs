using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Reach.Lab.Tests.Cli;

namespace Reach.Lab.Tests.Lab;

/// <summary>
/// The lifecycle every namespace lab shares; each lab keeps its own topology, addresses and rules.
/// <list type="bullet">
/// <item>Skipped where it cannot exist (not Linux, not root, a tool missing); its tests start with <see cref="Require"/>.</item>
/// <item>Initialize: delete what dead test processes left, <see cref="BuildAsync"/>, <see cref="StartAsync"/>. A failure
/// is kept, the lab torn down, and every test fails with it.</item>
/// <item>Torn down once (dispose, failed setup or process exit): <see cref="StopAsync"/>, then its namespaces and their
/// /etc/netns folders are deleted.</item>
/// </list>
/// Namespace names carry the test process's PID, so a lab left by a process that died is recognised and deleted.
/// </summary>
public abstract class NamespaceLab : IAsyncLifetime
{
    /// <summary>Where <c>ip netns exec NAME</c> finds files (hosts, resolv.conf) it mounts over /etc: /etc/netns/NAME.</summary>
    public const string NetnsEtc = "/etc/netns";

    private readonly string _title;
    private readonly Regex _names;
    private readonly Dictionary<string, string?> _tools;
    private readonly string? _skipReason;
    private Exception? _setupFailure;
    private int _destroyed;

    /// <param name="title">The lab's name in skip and failure messages ("trace chain").</param>
    /// <param name="names">Matches every namespace (and /etc/netns folder) name of this kind of lab; group 1 is the PID of the test process that made it.</param>
    /// <param name="tools">The commands the lab needs besides <c>ip</c> (iptables, ip6tables).</param>
    protected NamespaceLab(string title, Regex names, params string[] tools)
    {
        ArgumentNullException.ThrowIfNull(tools);
        _title = title;
        _names = names;
        _tools = tools.Prepend("ip").ToDictionary(tool => tool, LabTools.Find);
        var missing = _tools.Where(tool => tool.Value is null).Select(tool => tool.Key).ToList();
        _skipReason = !OperatingSystem.IsLinux() ? $"The {title} needs Linux network namespaces."
            : !Environment.IsPrivilegedProcess ? $"The {title} needs root (network namespaces, veth, iptables): run the tests as root, e.g. with ./test.sh."
            : missing.Count > 0 ? $"The {title} needs {string.Join(", ", missing)}: apt-get install -y iproute2 iptables (./test.sh does)."
            : null;
        IpPath = _tools["ip"] ?? "ip";
        Ip = new LabIp(IpPath);
    }

    /// <summary>The absolute path of <c>ip</c> (valid once <see cref="Require"/> passed).</summary>
    public string IpPath { get; }

    /// <summary>The <c>ip</c> commands to build with.</summary>
    protected LabIp Ip { get; }

    /// <summary>The lab's namespaces: deleted when it is torn down.</summary>
    protected abstract IEnumerable<string> Namespaces { get; }

    /// <summary>The PID every namespace name of this process carries.</summary>
    protected static string Pid => Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

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
            await StartAsync();
        }
#pragma warning disable CA1031 // Reported by Require in every test, with the lab torn down.
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
        GC.SuppressFinalize(this);
    }

    /// <summary>Skips the calling test where the lab cannot exist; fails it when building the lab failed.</summary>
    public virtual void Require()
    {
        if (_skipReason is not null)
        {
            Assert.Skip(_skipReason);
        }

        if (_setupFailure is not null)
        {
            throw new InvalidOperationException($"The {_title} could not be built: {DescribeSetupFailure(_setupFailure)}", _setupFailure);
        }

        if (Volatile.Read(ref _destroyed) != 0)
        {
            throw new InvalidOperationException($"The {_title} is not running.");
        }
    }

    /// <summary>Runs <c>reach ARGUMENTS</c> inside <paramref name="namespaceName"/> (as <paramref name="user"/> when given, via setpriv) and logs what it did.</summary>
    public async Task<ReachRun> RunReachInAsync(string namespaceName, IEnumerable<string> arguments, int? user = null, TimeSpan? timeout = null)
    {
        Require();
        IEnumerable<string> command = ReachCli.CommandLine(arguments);
        if (user is { } uid)
        {
            var id = uid.ToString(CultureInfo.InvariantCulture);
            command = ["setpriv", $"--reuid={id}", $"--regid={id}", "--clear-groups", "env", "HOME=/tmp", "DOTNET_CLI_TELEMETRY_OPTOUT=1", .. command];
        }

        var result = await RunInAsync(namespaceName, command, timeout ?? TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe(maxLines: 200));
        return new ReachRun(result);
    }

    /// <summary>The path of a tool named to the constructor (valid once <see cref="Require"/> passed).</summary>
    protected string Tool(string name) => _tools[name] ?? throw new InvalidOperationException($"{name} is missing.");

    /// <summary>Creates the namespaces, links, addresses, routes and rules.</summary>
    protected abstract Task BuildAsync();

    /// <summary>Starts what runs inside the built lab (listeners, servers) and waits until it answers.</summary>
    protected virtual Task StartAsync() => Task.CompletedTask;

    /// <summary>Stops what <see cref="StartAsync"/> started: sockets and processes keep a namespace alive after <c>ip netns del</c>.</summary>
    protected virtual ValueTask StopAsync() => ValueTask.CompletedTask;

    /// <summary>The setup failure as the failing tests report it.</summary>
    protected virtual string DescribeSetupFailure(Exception failure) => failure?.Message ?? string.Empty;

    /// <summary><c>ip netns exec NAME command...</c>, capturing its output; killed after <paramref name="timeout"/>.</summary>
    protected Task<CommandResult> RunInAsync(string namespaceName, IEnumerable<string> command, TimeSpan timeout, CancellationToken cancellationToken) =>
        CommandRunner.RunAsync(IpPath, ["netns", "exec", namespaceName, .. command], timeout, cancellationToken);

    /// <summary>
    /// A fresh veth link does not carry IPv6 at once: for about a second after it comes up, neighbour solicitations
    /// go unanswered and the first IPv6 packets wait for the retransmitted one (a 1 s probe would see no-response).
    /// Connects from <paramref name="fromNamespace"/> to every address until each answers, so tests start on settled links.
    /// </summary>
    protected static async Task WaitUntilConnectsAsync(string fromNamespace, int port, params string[] addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        await Task.WhenAll(addresses.Select(async target =>
        {
            var address = IPAddress.Parse(target);
            var errors = new List<string>();
            for (var attempt = 0; attempt < 5; attempt++)
            {
                using var socket = NetworkNamespace.CreateTcpSocket(fromNamespace, address.AddressFamily);
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    await socket.ConnectAsync(address, port, deadline.Token);
                    return;
                }
                catch (Exception ex) when (ex is SocketException or OperationCanceledException)
                {
                    errors.Add(ex.Message);
                    await Task.Delay(TimeSpan.FromMilliseconds(200));
                }
            }

            throw new InvalidOperationException($"{fromNamespace} cannot reach {target} port {port}: {string.Join("; ", errors)}");
        }));
    }

    /// <summary>Deletes labs (and /etc/netns folders) of this kind left by test processes that no longer run, or whose PID is ours again.</summary>
    private async Task CleanStaleAsync()
    {
        var list = await Ip.RunAsync("netns", "list");
        var names = list.StdOut
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0]);
        foreach (var name in names.Where(IsStale))
        {
            await CommandRunner.RunAsync(IpPath, ["netns", "del", name], TimeSpan.FromSeconds(30));
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

    private bool IsStale(string name)
    {
        var match = _names.Match(name);
        return match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var pid)
            && (pid == Environment.ProcessId || !Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}"));
    }

    private async Task DestroyAsync()
    {
        if (_skipReason is not null || Interlocked.Exchange(ref _destroyed, 1) != 0)
        {
            return;
        }

        try
        {
            await StopAsync();
        }
        finally
        {
            foreach (var name in Namespaces)
            {
                if (File.Exists($"/var/run/netns/{name}"))
                {
                    await CommandRunner.RunAsync(IpPath, ["netns", "del", name], TimeSpan.FromSeconds(30));
                }

                var folder = Path.Combine(NetnsEtc, name);
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }

            RemoveNetnsEtcIfEmpty();
        }
    }

    /// <summary>Last resort when the process ends without disposing the lab.</summary>
    private void OnProcessExit(object? sender, EventArgs e) => DestroyAsync().GetAwaiter().GetResult();

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
}
