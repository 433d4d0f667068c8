namespace Reach.Lab.Tests.Lab;

/// <summary>The <c>ip</c> commands the labs are built from. Each must succeed: a failure throws with the command's output.</summary>
public sealed class LabIp(string path)
{
    /// <summary>The absolute path of <c>ip</c>.</summary>
    public string Path => path;

    public Task<CommandResult> RunAsync(params string[] arguments) => CommandRunner.RunCheckedAsync(path, arguments);

    /// <summary><c>ip netns exec NAME TOOL ARGUMENTS</c>: iptables, ip6tables and the like inside a namespace.</summary>
    public Task<CommandResult> ExecAsync(string namespaceName, string tool, params string[] arguments) =>
        RunAsync(["netns", "exec", namespaceName, tool, .. arguments]);

    /// <summary>A new namespace with its loopback up.</summary>
    public async Task AddNamespaceAsync(string name)
    {
        await RunAsync("netns", "add", name);
        await RunAsync("-n", name, "link", "set", "lo", "up");
    }

    /// <summary>A veth pair born inside its two namespaces: no interface ever appears in the root namespace.</summary>
    public Task<CommandResult> AddVethAsync(string leftNamespace, string leftDevice, string rightNamespace, string rightDevice) =>
        RunAsync("link", "add", leftDevice, "netns", leftNamespace, "type", "veth", "peer", "name", rightDevice, "netns", rightNamespace);

    /// <summary>
    /// Gives <paramref name="device"/> <c>V4/24</c> and, when given, <c>V6/64</c>, then brings it up. The IPv6 address
    /// skips duplicate address detection (nodad), which would keep it tentative, unusable, for its first second.
    /// </summary>
    public async Task AddAddressesAsync(string namespaceName, string device, string v4, string? v6 = null)
    {
        await RunAsync("-n", namespaceName, "addr", "add", $"{v4}/24", "dev", device);
        if (v6 is not null)
        {
            await RunAsync("-n", namespaceName, "-6", "addr", "add", $"{v6}/64", "dev", device, "nodad");
        }

        await RunAsync("-n", namespaceName, "link", "set", device, "up");
    }
}
