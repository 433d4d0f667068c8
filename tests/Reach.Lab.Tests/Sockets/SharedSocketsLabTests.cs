using System.Globalization;
using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Sockets;

/// <summary>
/// Sockets several processes hold, in a namespace of this class's own (<c>rl-PID-o</c>; -s is the scan lab's target): a parent and the child it
/// forks after opening its listener, and Debian's nginx (a pre-fork server: the master opens the listeners, its
/// workers inherit them). reach must name every holder of each socket, as <c>ss -tuanp</c> does.
/// </summary>
public sealed class SharedSocketsLabTests(LabFixture lab)
{
    private const int ForkPort = 7061;
    private const int NginxPort = 7062;

    [Fact]
    public async Task Fork_TheParentAndItsChild_BothOwnTheListener_AsSsSays()
    {
        await using var ns = await CreateNamespaceAsync();
        var parent = await ns.HoldAsync("fork", "tcp", "0.0.0.0", ForkPort);
        var child = ChildPid(await parent.ReadLineAsync());
        var port = ForkPort.ToString(CultureInfo.InvariantCulture);

        var all = await ns.ReachAsync("sockets", "--json");
        var ss = await ns.RunAsync(["ss", "-tuanpH"]);

        Assert.Equal(0, all.ExitCode);
        Assert.True(ss.ExitCode == 0, ss.Describe());
        var sockets = all.Json.Prop("sockets").EnumerateArray().ToList();
        var listener = Assert.Single(sockets, s => s.Text("proto") == "tcp" && s.WholeNumber("local_port") == ForkPort);
        Assert.Equal([parent.Pid, child], Pids(listener));
        var udp = Assert.Single(sockets, s => s.Text("proto") == "udp" && s.WholeNumber("local_port") == ForkPort);
        Assert.Equal([child], Pids(udp));
        AssertSameOwnersAsSs(sockets, ss.StdOut);

        // The child's sockets: the one it shares and its own (before, only the lowest PID owned a shared socket).
        var mine = await ns.ReachAsync("sockets", "--pid", child.ToString(CultureInfo.InvariantCulture), "--json");
        Assert.Equal(["tcp", "udp"], mine.Json.Prop("sockets").EnumerateArray().Select(s => s.Text("proto")));
        var table = await ns.ReachAsync("sockets", "--pid", child.ToString(CultureInfo.InvariantCulture));
        Assert.Matches($@"(?m)^tcp\s+0\.0\.0\.0:{port}\s+\*:\*\s+LISTEN\s+{parent.Pid},{child}\s", table.StdOut);

        var who = await ns.ReachAsync("who", port);
        Assert.Equal(0, who.ExitCode);
        Assert.Contains($"port {port}: 2 processes listen on 2 sockets, 1 of them shared", who.StdOut, StringComparison.Ordinal);
        Assert.Contains($"PID {parent.Pid}  user root", who.StdOut, StringComparison.Ordinal);
        Assert.Contains($"PID {child}  user root", who.StdOut, StringComparison.Ordinal);

        var whoJson = await ns.ReachAsync("who", port, "--json");
        var processes = whoJson.Json.Prop("processes").EnumerateArray().ToList();
        Assert.Equal([parent.Pid, child], processes.Select(p => p.WholeNumber("pid")));
        Assert.Equal(["tcp"], processes[0].Prop("listeners").EnumerateArray().Select(l => l.Text("proto")));
        Assert.Equal(["tcp", "udp"], processes[1].Prop("listeners").EnumerateArray().Select(l => l.Text("proto")));
    }

    [Fact]
    public async Task Nginx_TheMasterAndEachWorker_OwnTheListeners_AsSsSays()
    {
        await using var ns = await CreateNamespaceAsync();
        if (NginxServer.Binary is null)
        {
            Assert.Skip("The pre-fork server test runs Debian's nginx: apt-get install -y nginx (test.sh does as root).");
        }

        using var nginx = await NginxServer.StartAsync(lab.IpPath, ns.Name, NginxPort, workers: 2);
        var workers = nginx.Workers();
        int[] everyone = [nginx.MasterPid, .. workers];
        var port = NginxPort.ToString(CultureInfo.InvariantCulture);

        var listeners = await ns.ReachAsync("sockets", "--json", "--port", port);
        var ss = await ns.RunAsync(["ss", "-tuanpH"]);

        Assert.Equal(0, listeners.ExitCode);
        var sockets = listeners.Json.Prop("sockets").EnumerateArray().ToList();
        Assert.Equal(["127.0.0.1", "::"], sockets.Select(s => s.Text("local_address")));
        Assert.All(sockets, s => Assert.Equal(everyone, Pids(s)));
        Assert.All(sockets, s => Assert.Equal("root", s.Text("user")));
        Assert.All(sockets, s => Assert.All(s.Prop("other_owners").EnumerateArray(), o => Assert.Equal(("nginx", "www-data"), (o.Text("process"), o.Text("user")))));
        AssertSameOwnersAsSs(sockets, ss.StdOut);

        var who = await ns.ReachAsync("who", port, "--json");
        Assert.Equal(0, who.ExitCode);
        var processes = who.Json.Prop("processes").EnumerateArray().ToList();
        Assert.Equal(everyone, processes.Select(p => p.WholeNumber("pid")));
        Assert.Equal(["root", "www-data", "www-data"], processes.Select(p => p.Text("user")));
        Assert.StartsWith("nginx: master process", processes[0].Text("command_line"), StringComparison.Ordinal);
        Assert.All(processes.Skip(1), p => Assert.Equal("nginx: worker process", p.Text("command_line")));
        Assert.All(processes, p => Assert.Equal(["127.0.0.1", "::"], p.Prop("listeners").EnumerateArray().Select(l => l.Text("local_address"))));

        var worker = await ns.ReachAsync("sockets", "--pid", workers[^1].ToString(CultureInfo.InvariantCulture), "-l");
        Assert.Equal(2, worker.StdOut.Split('\n').Count(l => l.StartsWith("tcp ", StringComparison.Ordinal) && l.Contains($":{port} ", StringComparison.Ordinal)));
    }

    /// <summary>The PIDs reach names for a socket: <c>pid</c>, then <c>other_owners</c>.</summary>
    private static int[] Pids(JsonElement socket) =>
        [socket.WholeNumber("pid"), .. socket.Prop("other_owners").EnumerateArray().Select(o => o.WholeNumber("pid"))];

    /// <summary>Every socket reach lists has the owners ss lists for it.</summary>
    private static void AssertSameOwnersAsSs(List<JsonElement> sockets, string ssOutput)
    {
        var fromSs = SsTable.PidsBySocket(ssOutput);
        foreach (var socket in sockets)
        {
            var key = new SsSocket(socket.Text("proto")!, socket.Text("local_address")!, socket.WholeNumber("local_port"), socket.WholeNumber("remote_port"), socket.Text("state"), null).ToString();
            Assert.True(fromSs.TryGetValue(key, out var pids), $"ss does not list {key}:\n{ssOutput}");
            Assert.True(pids.SequenceEqual(Pids(socket).Order()), $"{key}: ss says {string.Join(',', pids)}, reach {string.Join(',', Pids(socket))}");
        }
    }

    private static int ChildPid(string line) =>
        line.StartsWith("child ", StringComparison.Ordinal) ? int.Parse(line[6..], CultureInfo.InvariantCulture) : throw new InvalidOperationException($"expected 'child PID', got '{line}'");

    private async Task<SocketsNamespace> CreateNamespaceAsync()
    {
        lab.RequireLab();
        if (SocketHolder.Python is null)
        {
            Assert.Skip("The reach sockets lab tests start their listeners with python3: apt-get install -y python3.");
        }

        return await SocketsNamespace.CreateAsync(lab.IpPath, suffix: "o");
    }
}
