using System.Globalization;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Reach.Lab.Tests.Cli;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>
/// A private network namespace <c>rscan-PID-SUFFIX</c> with only its loopback up: the scanner and its targets
/// both live on that loopback (all of 127.0.0.0/8 and ::1), so nothing leaves it and its kernel settings (the
/// ephemeral port range) and socket table (TIME_WAIT) belong to one test alone. Deleting it ends every socket in it.
/// </summary>
public sealed partial class ScanScratchNamespace : IAsyncDisposable
{
    private const string Prefix = "rscan-";
    private readonly string _ip;

    private ScanScratchNamespace(string ip, string name)
    {
        _ip = ip;
        Name = name;
    }

    public string Name { get; }

    /// <summary>Creates the namespace (deleting one left by a dead test process first).</summary>
    public static async Task<ScanScratchNamespace> CreateAsync(string ip, string suffix)
    {
        await DeleteStaleAsync(ip);
        var name = $"{Prefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{suffix}";
        await CommandRunner.RunAsync(ip, ["netns", "del", name], TimeSpan.FromSeconds(10));
        var ns = new ScanScratchNamespace(ip, name);
        try
        {
            await CommandRunner.RunCheckedAsync(ip, "netns", "add", name);
            await CommandRunner.RunCheckedAsync(ip, "-n", name, "link", "set", "lo", "up");
            return ns;
        }
        catch
        {
            await ns.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sets <c>/proc/sys/KEY</c> (per-namespace settings such as net/ipv4/ip_local_port_range) in the namespace.</summary>
    public async Task SetSysctlAsync(string key, string value)
    {
        var result = await RunAsync(["sh", "-c", $"echo '{value}' > /proc/sys/{key} && cat /proc/sys/{key}"]);
        Assert.True(result.ExitCode == 0, result.Describe());
        Assert.Equal(value.Split(' ', StringSplitOptions.RemoveEmptyEntries), result.StdOut.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Runs a command in the namespace (killed after 60 s).</summary>
    public Task<CommandResult> RunAsync(IEnumerable<string> command) =>
        CommandRunner.RunAsync(_ip, ["netns", "exec", Name, .. command], TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

    /// <summary>Runs <c>reach ARGUMENTS</c> in the namespace and logs it to the test output.</summary>
    public async Task<ReachRun> ReachAsync(params string[] arguments)
    {
        var result = await RunAsync(ReachCli.CommandLine(arguments));
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe(maxLines: 60));
        return new ReachRun(result);
    }

    /// <summary>A new TCP socket living in the namespace (made by a thread that entered it), usable from any thread.</summary>
    public Socket CreateSocket(AddressFamily family) =>
        NetworkNamespace.CreateTcpSocket(Name, family);

    /// <summary>Many new TCP sockets living in the namespace, made by one thread that entered it.</summary>
    public IReadOnlyList<Socket> CreateSockets(AddressFamily family, int count) =>
        NetworkNamespace.CreateTcpSockets(Name, family, count);

    /// <summary>The namespace's TCP sockets in TIME_WAIT, as <c>ss -tanH state time-wait</c> lines.</summary>
    public async Task<IReadOnlyList<string>> TimeWaitSocketsAsync()
    {
        var result = await RunAsync(["ss", "-tanH", "state", "time-wait"]);
        Assert.True(result.ExitCode == 0, result.Describe());
        return result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public async ValueTask DisposeAsync() =>
        await CommandRunner.RunAsync(_ip, ["netns", "del", Name], TimeSpan.FromSeconds(30));

    /// <summary>Deletes scratch namespaces of test processes that no longer run.</summary>
    private static async Task DeleteStaleAsync(string ip)
    {
        var list = await CommandRunner.RunCheckedAsync(ip, "netns", "list");
        foreach (var line in list.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var name = line.Split(' ')[0];
            var match = ScratchName().Match(name);
            if (match.Success && !Directory.Exists($"/proc/{match.Groups[1].Value}"))
            {
                await CommandRunner.RunAsync(ip, ["netns", "del", name], TimeSpan.FromSeconds(30));
            }
        }
    }

    [GeneratedRegex(@"^rscan-([0-9]+)-")]
    private static partial Regex ScratchName();
}
