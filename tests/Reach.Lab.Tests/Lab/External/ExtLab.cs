using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Reach.Lab.Tests.Cli;
using static Reach.Lab.Tests.Lab.External.ExtLabNetwork;

namespace Reach.Lab.Tests.Lab.External;

/// <summary>
/// The lab of <c>reach external</c>: four namespaces on veth pairs, built per test class and deleted afterwards
/// (also when building failed or the process exits early).
/// <list type="bullet">
/// <item><c>ext-PID-i</c> "internet": 203.0.113.10/24, runs the real <c>reach serve --allow-private</c>.</item>
/// <item><c>ext-PID-r</c> "router": 203.0.113.1 outside, 192.168.77.1 and 100.64.77.1 inside; forwards, MASQUERADEs
/// both homes, DNATs <see cref="ExtLabNetwork.ForwardedPort"/>, <see cref="ExtLabNetwork.FirewalledPort"/> and
/// <see cref="ExtLabNetwork.NoListenerPort"/> to the LAN host, drops <see cref="ExtLabNetwork.RouterDroppedPort"/> in
/// its INPUT chain. No default route.</item>
/// <item><c>ext-PID-l</c> "lan": 192.168.77.10/24, default route via the router (the lab's links are its only
/// links); listens on the forwarded, unforwarded, firewalled and router-dropped ports; drops the firewalled port in INPUT.</item>
/// <item><c>ext-PID-c</c> "cgnat": 100.64.77.10/24, default route via the router, listens on <see cref="ExtLabNetwork.SharedHostPort"/> (no forward).</item>
/// </list>
/// </summary>
public sealed partial class ExtLab : IAsyncLifetime
{
    private readonly string? _ip;
    private readonly string? _iptables;
    private readonly string? _skipReason;
    private readonly List<LabListeners> _listeners = [];
    private Exception? _setupFailure;
    private Process? _reflector;
    private int _destroyed;

    public ExtLab()
    {
        var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        Internet = $"ext-{pid}-i";
        Router = $"ext-{pid}-r";
        Lan = $"ext-{pid}-l";
        Cgnat = $"ext-{pid}-c";
        _ip = LabTools.Find("ip");
        _iptables = LabTools.Find("iptables");
        _skipReason = !OperatingSystem.IsLinux() ? "The external lab needs Linux network namespaces."
            : !Environment.IsPrivilegedProcess ? "The external lab needs root (namespaces, veth, iptables): run the tests as root, e.g. with ./test.sh."
            : _ip is null || _iptables is null ? "The external lab needs ip and iptables: apt-get install -y iproute2 iptables."
            : null;
    }

    public string Internet { get; }

    public string Router { get; }

    public string Lan { get; }

    public string Cgnat { get; }

    /// <summary>What the reflector printed (for failure messages).</summary>
    public string ReflectorLog => string.Join('\n', _reflectorLog);

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _reflectorLog = new();

    private IEnumerable<string> All => [Internet, Router, Lan, Cgnat];

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
            _listeners.Add(LabListeners.Start(Lan, [new IPEndPoint(IPAddress.Any, ForwardedPort), new IPEndPoint(IPAddress.Any, UnforwardedPort), new IPEndPoint(IPAddress.Any, FirewalledPort), new IPEndPoint(IPAddress.Any, RouterDroppedPort)]));
            _listeners.Add(LabListeners.Start(Cgnat, [new IPEndPoint(IPAddress.Any, SharedHostPort)]));
            _reflector = StartReflector();
            await WaitForReflectorAsync();
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
    }

    /// <summary>Skips the test where the lab cannot exist; fails it when building it failed.</summary>
    public void Require()
    {
        if (_skipReason is not null)
        {
            Assert.Skip(_skipReason);
        }

        if (_setupFailure is not null)
        {
            throw new InvalidOperationException($"The external lab could not be built: {_setupFailure.Message}\n{ReflectorLog}", _setupFailure);
        }
    }

    /// <summary>Runs <c>reach ARGUMENTS</c> inside <paramref name="namespaceName"/> as root and logs what it did.</summary>
    public Task<ReachRun> RunReachAsync(string namespaceName, params string[] arguments) => RunReachAsync(namespaceName, null, arguments);

    /// <summary>Runs <c>reach ARGUMENTS</c> inside <paramref name="namespaceName"/> (as <paramref name="user"/> when given, via setpriv).</summary>
    public async Task<ReachRun> RunReachAsync(string namespaceName, int? user, params string[] arguments)
    {
        Require();
        IEnumerable<string> command = ReachCli.CommandLine(arguments);
        if (user is { } uid)
        {
            var id = uid.ToString(CultureInfo.InvariantCulture);
            command = ["setpriv", $"--reuid={id}", $"--regid={id}", "--clear-groups", "env", "HOME=/tmp", "DOTNET_CLI_TELEMETRY_OPTOUT=1", .. command];
        }

        var result = await CommandRunner.RunAsync(_ip!, ["netns", "exec", namespaceName, .. command], TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe(maxLines: 200));
        return new ReachRun(result);
    }

    private async Task BuildAsync()
    {
        foreach (var name in All)
        {
            await Ip("netns", "add", name);
            await Ip("-n", name, "link", "set", "lo", "up");
        }

        // Each pair is born inside its namespaces: no interface ever appears in the root namespace.
        await Ip("link", "add", "i0", "netns", Internet, "type", "veth", "peer", "name", "wan", "netns", Router);
        await Ip("link", "add", "lan", "netns", Router, "type", "veth", "peer", "name", "l0", "netns", Lan);
        await Ip("link", "add", "cg", "netns", Router, "type", "veth", "peer", "name", "c0", "netns", Cgnat);
        await Address(Internet, "i0", ReflectorAddress);
        await Address(Router, "wan", RouterOuter);
        await Address(Router, "lan", RouterInner);
        await Address(Router, "cg", RouterShared);
        await Address(Lan, "l0", LanHost);
        await Address(Cgnat, "c0", SharedHost);

        // The homes' default route leads only to the lab's router, which has no default route itself.
        await Ip("-n", Lan, "route", "add", "default", "via", RouterInner);
        await Ip("-n", Cgnat, "route", "add", "default", "via", RouterShared);

        NetworkNamespace.Run(Router, () =>
        {
            File.WriteAllText("/proc/sys/net/ipv4/ip_forward", "1\n");
            return true;
        });

        await IpTables(Router, "-t", "nat", "-A", "POSTROUTING", "-o", "wan", "-s", "192.168.77.0/24", "-j", "MASQUERADE");
        await IpTables(Router, "-t", "nat", "-A", "POSTROUTING", "-o", "wan", "-s", "100.64.77.0/24", "-j", "MASQUERADE");
        foreach (var port in new[] { ForwardedPort, FirewalledPort, NoListenerPort })
        {
            var p = port.ToString(CultureInfo.InvariantCulture);
            await IpTables(Router, "-t", "nat", "-A", "PREROUTING", "-i", "wan", "-d", RouterOuter, "-p", "tcp", "--dport", p, "-j", "DNAT", "--to-destination", $"{LanHost}:{p}");
        }

        await IpTables(Router, "-A", "INPUT", "-i", "wan", "-p", "tcp", "--dport", RouterDroppedPort.ToString(CultureInfo.InvariantCulture), "-j", "DROP");
        await IpTables(Lan, "-A", "INPUT", "-p", "tcp", "--dport", FirewalledPort.ToString(CultureInfo.InvariantCulture), "-j", "DROP");
    }

    /// <summary>The real reflector: <c>reach serve --allow-private</c> in the internet namespace (the lab's addresses are not public).</summary>
    private Process StartReflector()
    {
        var info = new ProcessStartInfo(_ip!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["netns", "exec", Internet, .. ReachCli.CommandLine(["serve", "--allow-private", "--listen", $"{ReflectorAddress}:{ReflectorPort}"])])
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start reach serve");
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Log(string? line)
    {
        if (line is not null)
        {
            _reflectorLog.Enqueue(line);
        }
    }

    /// <summary>Until the reflector accepts connections (from the internet namespace itself), at most 20 s.</summary>
    private async Task WaitForReflectorAsync()
    {
        var address = IPAddress.Parse(ReflectorAddress);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (_reflector!.HasExited)
            {
                throw new InvalidOperationException($"reach serve exited with {_reflector.ExitCode}:\n{ReflectorLog}");
            }

            using var socket = NetworkNamespace.Run(Internet, () => new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp));
            try
            {
                using var attempt = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await socket.ConnectAsync(address, ReflectorPort, attempt.Token);
                return;
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    /// <summary>Deletes labs left by test processes that no longer run (or whose PID is ours again).</summary>
    private async Task CleanStaleAsync()
    {
        var list = await CommandRunner.RunCheckedAsync(_ip!, "netns", "list");
        foreach (var name in list.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]).Where(IsStale))
        {
            await CommandRunner.RunAsync(_ip!, ["netns", "del", name], TimeSpan.FromSeconds(30));
        }
    }

    private static bool IsStale(string name)
    {
        var match = LabName().Match(name);
        return match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var pid)
            && (pid == Environment.ProcessId || !Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}"));
    }

    private async Task DestroyAsync()
    {
        if (_skipReason is not null || Interlocked.Exchange(ref _destroyed, 1) != 0)
        {
            return;
        }

        if (_reflector is not null)
        {
            try
            {
                _reflector.Kill(entireProcessTree: true);
                await _reflector.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token);
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
            {
                // It had exited already, or does not go away: the namespace goes anyway.
            }

            _reflector.Dispose();
        }

        // Sockets keep a namespace alive after `ip netns del`: close them first.
        foreach (var listeners in _listeners)
        {
            await listeners.DisposeAsync();
        }

        foreach (var name in All.Where(n => File.Exists($"/var/run/netns/{n}")))
        {
            await CommandRunner.RunAsync(_ip!, ["netns", "del", name], TimeSpan.FromSeconds(30));
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => DestroyAsync().GetAwaiter().GetResult();

    private async Task Address(string name, string device, string address)
    {
        await Ip("-n", name, "addr", "add", $"{address}/24", "dev", device);
        await Ip("-n", name, "link", "set", device, "up");
    }

    private Task<CommandResult> IpTables(string name, params string[] arguments) =>
        CommandRunner.RunCheckedAsync(_ip!, ["netns", "exec", name, _iptables!, "-w", "10", .. arguments]);

    private Task<CommandResult> Ip(params string[] arguments) => CommandRunner.RunCheckedAsync(_ip!, arguments);

    [GeneratedRegex(@"^ext-(\d+)-(i|r|l|c)$", RegexOptions.CultureInvariant)]
    private static partial Regex LabName();
}
