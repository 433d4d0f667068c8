using System.Globalization;
using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Sockets;

/// <summary>
/// The real reach run as nobody beside a listener root holds, in a namespace of this class's own (<c>rl-PID-h</c>):
/// nobody may not look into root's <c>/proc/PID/fd</c>, so the socket must still be listed with its owner unknown,
/// and reach must say to rerun with privileges.
/// </summary>
public sealed class HiddenOwnersLabTests(LabFixture lab)
{
    private const int Port = 7021;
    private static readonly string PortText = Port.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task AsNobody_ARootListener_IsListedWithItsOwnerUnknown_AndTheRerunHintIsPrinted()
    {
        await using var ns = await CreateNamespaceAsync();
        var holder = await ns.HoldAsync("listen", "tcp", "0.0.0.0", Port);
        var nobody = await UnprivilegedReach.PrepareAsync(ns);

        // As root the owner is visible: what nobody misses below is for lack of privileges.
        var asRoot = await ns.ReachAsync("who", PortText, "--json");
        Assert.Equal(0, asRoot.ExitCode);
        Assert.Equal(holder.Pid, Assert.Single(asRoot.Json.Prop("processes").EnumerateArray()).WholeNumber("pid"));

        var table = await nobody.RunAsync("sockets", "--tcp");
        Assert.Equal(0, table.ExitCode);
        Assert.Equal("reach: some owners are hidden: run as root (sudo reach sockets) to see them", table.StdErr.Trim());
        Assert.Matches($@"(?m)^tcp\s+0\.0\.0\.0:{PortText}\s+\*:\*\s+LISTEN\s+\?\s+\?\s+root\s+any v4 \(public\)\s*$", table.StdOut);

        var json = await nobody.RunAsync("sockets", "--json", "--port", PortText);
        Assert.Equal(0, json.ExitCode);
        Assert.Contains("run as root (sudo reach sockets)", json.StdErr, StringComparison.Ordinal);
        Assert.True(json.Json.Flag("owners_incomplete"));
        var socket = Assert.Single(json.Json.Prop("sockets").EnumerateArray());
        Assert.Equal(("tcp", "0.0.0.0", Port, "listen"), (socket.Text("proto"), socket.Text("local_address"), socket.WholeNumber("local_port"), socket.Text("state")));
        foreach (var field in new[] { "pid", "process", "exe", "command_line" })
        {
            Assert.True(socket.Prop(field).ValueKind == JsonValueKind.Null, $"{field} should be unknown: {socket.GetRawText()}");
        }

        Assert.Equal("root", socket.Text("user")); // the table still names the uid

        var who = await nobody.RunAsync("who", PortText);
        Assert.Equal(0, who.ExitCode);
        Assert.Equal($"reach: some owners are hidden: run as root (sudo reach who {PortText}) to see them", who.StdErr.Trim());
        Assert.Contains("? (hidden: run as root to see it)  user root", who.StdOut, StringComparison.Ordinal);
        Assert.Contains($"tcp  0.0.0.0:{PortText}  — any IPv4 address of this host", who.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain("PID ", who.StdOut, StringComparison.Ordinal);
    }

    private async Task<SocketsNamespace> CreateNamespaceAsync()
    {
        lab.RequireLab();
        if (SocketHolder.Python is null)
        {
            Assert.Skip("The reach sockets lab tests start their listeners with python3: apt-get install -y python3.");
        }

        return await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "h");
    }
}
