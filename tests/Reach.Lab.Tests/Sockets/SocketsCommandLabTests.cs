using System.Globalization;
using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Sockets;

/// <summary>
/// <c>reach sockets</c> and <c>reach who</c> on the kernel's real tables, in a namespace of their own
/// (<see cref="SocketsNamespace"/>) where child processes hold known sockets; checked against <c>ss -tuanpH</c>.
/// </summary>
public sealed class SocketsCommandLabTests(LabFixture lab)
{
    [Fact]
    public async Task Sockets_ShowsEachSocketWithItsPidStateAndExposure_AndAgreesWithSs()
    {
        await using var ns = await CreateNamespaceAsync();
        var loopback = await ns.HoldAsync("listen", "tcp", "127.0.0.1", 7001);
        var anyV4 = await ns.HoldAsync("listen", "tcp", "0.0.0.0", 7002);
        var loopbackV6 = await ns.HoldAsync("listen", "tcp", "::1", 7003);
        var v6Only = await ns.HoldAsync("listen", "tcp", "::", 7004, v6Only: true);
        var dualStack = await ns.HoldAsync("listen", "tcp", "::", 7005, v6Only: false);
        var namespaceOnly = await ns.HoldAsync("listen", "tcp", SocketsNamespace.PrivateV4, 7006);
        var udp = await ns.HoldAsync("listen", "udp", "0.0.0.0", 7007);
        var server = await ns.HoldAsync("accept", "tcp", "127.0.0.1", 7008);
        var client = await ns.HoldAsync("connect", "tcp", "127.0.0.1", 7008);
        await server.WaitForLineAsync("accepted");

        var run = await ns.ReachAsync("sockets", "--json");
        var ss = await ns.RunAsync(["ss", "-tuanpH"]);

        Assert.Equal(0, run.ExitCode);
        Assert.True(ss.ExitCode == 0, ss.Describe());
        Assert.Equal("netlink sock_diag", run.Json.Text("source"));
        Assert.False(run.Json.Flag("owners_incomplete"));
        var sockets = run.Json.Prop("sockets").EnumerateArray().ToList();

        AssertSocket(sockets, "tcp", "127.0.0.1", 7001, "listen", loopback.Pid, "loopback", "loopback");
        var v4 = AssertSocket(sockets, "tcp", "0.0.0.0", 7002, "listen", anyV4.Pid, "any", "public");
        Assert.Equal(["10.231.50.1", "127.0.0.1", "198.51.100.7"], Covers(v4));
        Assert.Equal(JsonValueKind.Null, v4.Prop("exposure").Prop("ipv4").ValueKind);
        AssertSocket(sockets, "tcp", "::1", 7003, "listen", loopbackV6.Pid, "loopback", "loopback");

        var only = AssertSocket(sockets, "tcp", "::", 7004, "listen", v6Only.Pid, "any", "private");
        Assert.False(only.Prop("exposure").Flag("ipv4"));
        Assert.False(only.Prop("exposure").Flag("ipv4_guessed"));
        Assert.Contains(SocketsNamespace.PrivateV6, Covers(only));
        Assert.DoesNotContain(SocketsNamespace.PrivateV4, Covers(only));

        var dual = AssertSocket(sockets, "tcp", "::", 7005, "listen", dualStack.Pid, "any", "public");
        Assert.True(dual.Prop("exposure").Flag("ipv4"));
        Assert.False(dual.Prop("exposure").Flag("ipv4_guessed"));
        Assert.Contains(SocketsNamespace.PrivateV4, Covers(dual));
        Assert.Contains(SocketsNamespace.PrivateV6, Covers(dual));

        AssertSocket(sockets, "tcp", SocketsNamespace.PrivateV4, 7006, "listen", namespaceOnly.Pid, "private", "private");
        AssertSocket(sockets, "udp", "0.0.0.0", 7007, null, udp.Pid, "any", "public");

        var accepted = AssertSocket(sockets, "tcp", "127.0.0.1", 7008, "established", server.Pid, "loopback", "loopback");
        var clientPort = accepted.WholeNumber("remote_port");
        var outbound = AssertSocket(sockets, "tcp", "127.0.0.1", clientPort, "established", client.Pid, "loopback", "loopback");
        Assert.Equal(7008, outbound.WholeNumber("remote_port"));

        // The same sockets as ss sees them at the same moment: addresses, ports, states, PIDs.
        var fromReach = sockets.Select(s => new SsSocket(
            s.Text("proto")!, s.Text("local_address")!, s.WholeNumber("local_port"), s.WholeNumber("remote_port"), s.Text("state"),
            s.Prop("pid").ValueKind == JsonValueKind.Null ? null : s.WholeNumber("pid"))).Select(s => s.ToString()).Order(StringComparer.Ordinal);
        var fromSs = SsTable.Parse(ss.StdOut).Select(s => s.ToString()).Order(StringComparer.Ordinal);
        Assert.Equal(fromSs, fromReach);
    }

    [Fact]
    public async Task Who_DualStackListener_NamesTheProcess_AndTheNamespaceAddressesItCovers()
    {
        await using var ns = await CreateNamespaceAsync();
        var dualStack = await ns.HoldAsync("listen", "tcp", "::", 7005, v6Only: false);
        await ns.HoldAsync("listen", "tcp", "127.0.0.1", 7009);

        var run = await ns.ReachAsync("who", "7005");
        var nobody = await ns.ReachAsync("who", "7010");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"PID {dualStack.Pid}", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("IPv6 and IPv4 (dual-stack)", run.StdOut, StringComparison.Ordinal);
        Assert.Contains($"{SocketsNamespace.PrivateV4} (private)", run.StdOut, StringComparison.Ordinal);
        Assert.Contains($"{SocketsNamespace.PublicV4} (public)", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("exe      /usr/bin/python3", run.StdOut, StringComparison.Ordinal);
        Assert.Contains("command  ", run.StdOut, StringComparison.Ordinal);
        Assert.Equal(1, nobody.ExitCode);
        Assert.Contains("nothing listens on port 7010", nobody.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_AfterANewListenerStarted_ReportsExactlyIt_ExitOne()
    {
        await using var ns = await CreateNamespaceAsync();
        await ns.HoldAsync("listen", "tcp", "127.0.0.1", 7001);
        await ns.HoldAsync("listen", "tcp", "::", 7004, v6Only: true);
        await ns.HoldAsync("listen", "udp", "0.0.0.0", 7007);
        var baseline = Path.Combine(Path.GetTempPath(), $"reach-lab-baseline-{Environment.ProcessId}.json");
        try
        {
            var save = await ns.ReachAsync("sockets", "--save-baseline", baseline);
            Assert.Equal(0, save.ExitCode);
            var same = await ns.ReachAsync("sockets", "--diff", baseline);
            Assert.Equal(0, same.ExitCode);

            var newcomer = await ns.HoldAsync("listen", "tcp", "0.0.0.0", 7010);
            var diff = await ns.ReachAsync("sockets", "--diff", baseline, "--json");

            Assert.Equal(1, diff.ExitCode);
            Assert.True(diff.Json.Flag("changed"));
            var appeared = Assert.Single(diff.Json.Prop("appeared").EnumerateArray());
            Assert.Equal(("tcp", 7010, "0.0.0.0", "any", "public"), (appeared.Text("proto"), appeared.WholeNumber("port"), appeared.Text("address"), appeared.Text("exposure"), appeared.Text("reach")));
            Assert.Equal(ProcessName(newcomer.Pid), appeared.Text("process"));
            Assert.Empty(diff.Json.Prop("disappeared").EnumerateArray());
            Assert.Empty(diff.Json.Prop("more_exposed").EnumerateArray());
        }
        finally
        {
            File.Delete(baseline);
        }
    }

    private async Task<SocketsNamespace> CreateNamespaceAsync()
    {
        lab.RequireLab();
        if (SocketHolder.Python is null)
        {
            Assert.Skip("The reach sockets lab tests start their listeners with python3: apt-get install -y python3.");
        }

        return await SocketsNamespace.CreateAsync(lab.IpPath);
    }

    private static JsonElement AssertSocket(List<JsonElement> sockets, string proto, string localAddress, int localPort, string? state, int pid, string exposureClass, string reach)
    {
        var matches = sockets.Where(s => s.Text("proto") == proto && s.Text("local_address") == localAddress && s.WholeNumber("local_port") == localPort && s.Text("state") == state).ToList();
        var socket = Assert.Single(matches);
        var what = $"{proto} {localAddress}:{localPort.ToString(CultureInfo.InvariantCulture)}: {socket.GetRawText()}";
        Assert.True(pid == socket.WholeNumber("pid"), what);
        Assert.True(ProcessName(pid) == socket.Text("process"), what);
        Assert.True(socket.Text("user") == "root", what);
        Assert.True(exposureClass == socket.Prop("exposure").Text("class"), what);
        Assert.True(reach == socket.Prop("exposure").Text("reach"), what);
        return socket;
    }

    private static string[] Covers(JsonElement socket) =>
        [.. socket.Prop("exposure").Prop("covers").EnumerateArray().Select(c => c.Text("address")!)];

    private static string ProcessName(int pid) => File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/comm").Trim();
}
