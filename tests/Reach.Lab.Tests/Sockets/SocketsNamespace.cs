using System.Globalization;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Sockets;

/// <summary>
/// A private network namespace <c>rl-PID-w</c> (or another suffix) for the <c>reach sockets</c> tests: loopback, and a veth pair whose
/// both ends stay inside, carrying a private and a public-class address of each family that exist only here. Only
/// the socket holders the tests start live in it. Deleting it ends every socket left in it.
/// </summary>
public sealed class SocketsNamespace : IAsyncDisposable
{
    public const string PrivateV4 = "10.231.50.1";
    public const string PublicV4 = "198.51.100.7";
    public const string PrivateV6 = "fd00:5eac:50::1";

    private readonly string _ip;
    private readonly List<SocketHolder> _holders = [];

    private SocketsNamespace(string ip, string name)
    {
        _ip = ip;
        Name = name;
    }

    public string Name { get; }

    /// <param name="ip">The path of <c>ip</c>.</param>
    /// <param name="suffix">The end of the name, <c>rl-PID-SUFFIX</c>: a test class that wants a namespace of its own picks its own, never one the lab fixture uses (c, t, s, f): this deletes a namespace of that name first.</param>
    public static async Task<SocketsNamespace> CreateAsync(string ip, string suffix = "w")
    {
        if (suffix is "c" or "t" or "s" or "f")
        {
            throw new ArgumentException($"rl-PID-{suffix} is a namespace of the lab fixture's", nameof(suffix));
        }

        var name = $"{LabBuilder.NamePrefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{suffix}";
        await CommandRunner.RunAsync(ip, ["netns", "del", name], TimeSpan.FromSeconds(10));
        DeleteEtcFolder(name);
        var ns = new SocketsNamespace(ip, name);
        try
        {
            await CommandRunner.RunCheckedAsync(ip, "netns", "add", name);
            await CommandRunner.RunCheckedAsync(ip, "-n", name, "link", "set", "lo", "up");
            await CommandRunner.RunCheckedAsync(ip, "link", "add", "vk0", "netns", name, "type", "veth", "peer", "name", "vk1", "netns", name);
            await CommandRunner.RunCheckedAsync(ip, "-n", name, "addr", "add", $"{PrivateV4}/24", "dev", "vk0");
            await CommandRunner.RunCheckedAsync(ip, "-n", name, "addr", "add", $"{PublicV4}/24", "dev", "vk0");
            await CommandRunner.RunCheckedAsync(ip, "-n", name, "-6", "addr", "add", $"{PrivateV6}/64", "dev", "vk0", "nodad");
            await CommandRunner.RunCheckedAsync(ip, "-n", name, "link", "set", "vk0", "up");
            await CommandRunner.RunCheckedAsync(ip, "-n", name, "link", "set", "vk1", "up");
            return ns;
        }
        catch
        {
            await ns.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a socket holder in this namespace (see <see cref="SocketHolder"/>); it ends with the namespace.</summary>
    public async Task<SocketHolder> HoldAsync(string mode, string proto, string address, int port, bool? v6Only = null)
    {
        var holder = await SocketHolder.StartAsync(_ip, Name, mode, proto, address, port, v6Only);
        _holders.Add(holder);
        return holder;
    }

    /// <summary>
    /// Makes <paramref name="names"/> resolve to 127.0.0.1 for programs run in the namespace (a hosts file in
    /// /etc/netns/NAME, which <c>ip netns exec</c> mounts over /etc/hosts), so a test can connect by name and send
    /// it as TLS SNI. Deleted with the namespace.
    /// </summary>
    public async Task NameLoopbackAsync(params string[] names)
    {
        var folder = Path.Combine(NamespaceLab.NetnsEtc, Name);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "hosts"), $"127.0.0.1 localhost {string.Join(' ', names)}\n::1 localhost\n");
    }

    /// <summary>Runs a command in the namespace.</summary>
    public Task<CommandResult> RunAsync(IEnumerable<string> command) =>
        CommandRunner.RunAsync(_ip, ["netns", "exec", Name, .. command], TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

    /// <summary>Runs <c>reach ARGUMENTS</c> in the namespace and logs it to the test output.</summary>
    public async Task<ReachRun> ReachAsync(params string[] arguments)
    {
        var result = await RunAsync(ReachCli.CommandLine(arguments));
        TestContext.Current.TestOutputHelper?.WriteLine(result.Describe(maxLines: 200));
        return new ReachRun(result);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var holder in _holders)
        {
            holder.Dispose();
        }

        await CommandRunner.RunAsync(_ip, ["netns", "del", Name], TimeSpan.FromSeconds(30));
        DeleteEtcFolder(Name);
    }

    private static void DeleteEtcFolder(string name)
    {
        var folder = Path.Combine(NamespaceLab.NetnsEtc, name);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
