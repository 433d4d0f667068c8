using System.Globalization;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Sockets;

/// <summary>
/// An empty network namespace <c>rl-PID-k</c> (only lo, up) for socket-table tests: its loopback is private, so the
/// tests see exactly the sockets they open. Deleted on dispose; the lab fixture removes it if the process dies.
/// </summary>
internal sealed class SocketTableNamespace : IAsyncDisposable
{
    private readonly string _ip;

    private SocketTableNamespace(string ip, string name)
    {
        _ip = ip;
        Name = name;
    }

    public string Name { get; }

    public static async Task<SocketTableNamespace> CreateAsync(string ip)
    {
        var name = $"{LabBuilder.NamePrefix}{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-k";
        await CommandRunner.RunAsync(ip, ["netns", "del", name], TimeSpan.FromSeconds(10)); // left by an aborted test
        await CommandRunner.RunCheckedAsync(ip, "netns", "add", name);
        var space = new SocketTableNamespace(ip, name);
        try
        {
            await CommandRunner.RunCheckedAsync(ip, "-n", name, "link", "set", "lo", "up");
            return space;
        }
        catch
        {
            await space.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <c>ip netns exec NAME command...</c>.</summary>
    public Task<CommandResult> RunAsync(params string[] command) =>
        CommandRunner.RunAsync(_ip, ["netns", "exec", Name, .. command], TimeSpan.FromSeconds(60));

    public async ValueTask DisposeAsync() =>
        await CommandRunner.RunAsync(_ip, ["netns", "del", Name], TimeSpan.FromSeconds(30));
}
