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
public sealed partial class ExtLab : NamespaceLab
{
    private readonly List<LabListeners> _listeners = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _reflectorLog = new();
    private Process? _reflector;

    public ExtLab()
        : base("external lab", LabName(), "iptables")
    {
        Internet = $"ext-{Pid}-i";
        Router = $"ext-{Pid}-r";
        Lan = $"ext-{Pid}-l";
        Cgnat = $"ext-{Pid}-c";
    }

    public string Internet { get; }

    public string Router { get; }

    public string Lan { get; }

    public string Cgnat { get; }

    /// <summary>What the reflector printed (for failure messages).</summary>
    public string ReflectorLog => string.Join('\n', _reflectorLog);

    protected override IEnumerable<string> Namespaces => [Internet, Router, Lan, Cgnat];

    /// <summary>Runs <c>reach ARGUMENTS</c> inside <paramref name="namespaceName"/> as root and logs what it did.</summary>
    public Task<ReachRun> RunReachAsync(string namespaceName, params string[] arguments) => RunReachAsync(namespaceName, null, arguments);

    /// <summary>Runs <c>reach ARGUMENTS</c> inside <paramref name="namespaceName"/> (as <paramref name="user"/> when given, via setpriv).</summary>
    public Task<ReachRun> RunReachAsync(string namespaceName, int? user, params string[] arguments) =>
        RunReachInAsync(namespaceName, arguments, user);

    protected override async Task BuildAsync()
    {
        foreach (var name in Namespaces)
        {
            await Ip.AddNamespaceAsync(name);
        }

        await Ip.AddVethAsync(Internet, "i0", Router, "wan");
        await Ip.AddVethAsync(Router, "lan", Lan, "l0");
        await Ip.AddVethAsync(Router, "cg", Cgnat, "c0");
        await Ip.AddAddressesAsync(Internet, "i0", ReflectorAddress);
        await Ip.AddAddressesAsync(Router, "wan", RouterOuter);
        await Ip.AddAddressesAsync(Router, "lan", RouterInner);
        await Ip.AddAddressesAsync(Router, "cg", RouterShared);
        await Ip.AddAddressesAsync(Lan, "l0", LanHost);
        await Ip.AddAddressesAsync(Cgnat, "c0", SharedHost);

        // The homes' default route leads only to the lab's router, which has no default route itself.
        await Ip.RunAsync("-n", Lan, "route", "add", "default", "via", RouterInner);
        await Ip.RunAsync("-n", Cgnat, "route", "add", "default", "via", RouterShared);

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

    protected override async Task StartAsync()
    {
        _listeners.Add(LabListeners.Start(Lan, [new IPEndPoint(IPAddress.Any, ForwardedPort), new IPEndPoint(IPAddress.Any, UnforwardedPort), new IPEndPoint(IPAddress.Any, FirewalledPort), new IPEndPoint(IPAddress.Any, RouterDroppedPort)]));
        _listeners.Add(LabListeners.Start(Cgnat, [new IPEndPoint(IPAddress.Any, SharedHostPort)]));
        _reflector = StartReflector();
        await WaitForReflectorAsync();
    }

    protected override async ValueTask StopAsync()
    {
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

        foreach (var listeners in _listeners)
        {
            await listeners.DisposeAsync();
        }
    }

    protected override string DescribeSetupFailure(Exception failure) => $"{base.DescribeSetupFailure(failure)}\n{ReflectorLog}";

    /// <summary>The real reflector: <c>reach serve --allow-private</c> in the internet namespace (the lab's addresses are not public).</summary>
    private Process StartReflector()
    {
        var info = new ProcessStartInfo(IpPath)
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

            using var socket = NetworkNamespace.CreateTcpSocket(Internet, AddressFamily.InterNetwork);
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

    private Task<CommandResult> IpTables(string name, params string[] arguments) =>
        Ip.ExecAsync(name, Tool("iptables"), ["-w", "10", .. arguments]);

    /// <summary>Every external lab namespace name; group 1 is the PID.</summary>
    [GeneratedRegex(@"^ext-(\d+)-(i|r|l|c)$", RegexOptions.CultureInvariant)]
    private static partial Regex LabName();
}
