using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests.Sockets;

/// <summary>
/// Sockets no process holds, in an empty namespace (<c>rl-PID-k</c>): a connection waiting in a listener's accept
/// queue, an orphaned FIN_WAIT2 (its program closed it, the peer did not), a TIME_WAIT. reach must write their owner as
/// <c>-</c> (the kernel's), not <c>?</c> (hidden), and name the user the kernel keeps them for (root here), never a raw uid.
/// </summary>
[SupportedOSPlatform("linux")] // RequireLab skips elsewhere
public sealed class KernelOwnedSocketsLabTests(LabFixture lab)
{
    [Fact]
    public async Task KernelOwnedSockets_HaveNoPid_AndTheUserTheKernelKeepsThemFor()
    {
        lab.RequireLab();
        await using var space = await SocketTableNamespace.CreateAsync(lab.IpPath);
        using var sockets = new NamespaceSockets();
        int pending = 0, orphan = 0, timeWait = 0;
        sockets.OpenIn(space.Name, list =>
        {
            // Connected, never accepted: the server side waits in the accept queue, no descriptor yet.
            var waiting = NamespaceSockets.Listen(list, new IPEndPoint(IPAddress.Loopback, 7071));
            var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            list.Add(client);
            client.Connect((IPEndPoint)waiting.LocalEndPoint!);
            pending = ((IPEndPoint)client.LocalEndPoint!).Port;

            // The client closes, the server does not: the client's end is an orphan in FIN_WAIT2.
            var listener = NamespaceSockets.Listen(list, new IPEndPoint(IPAddress.Loopback, 7072));
            var (halfClosed, _) = NamespaceSockets.Connect(list, listener, IPAddress.Loopback);
            orphan = ((IPEndPoint)halfClosed.LocalEndPoint!).Port;
            halfClosed.Close();

            // Both close, the client first: its end stays in TIME_WAIT.
            var (closedFirst, server) = NamespaceSockets.Connect(list, listener, IPAddress.Loopback);
            timeWait = ((IPEndPoint)closedFirst.LocalEndPoint!).Port;
            closedFirst.Close();
            Thread.Sleep(100);
            server.Close();
        });
        await Task.Delay(200, TestContext.Current.CancellationToken);

        var json = await space.RunAsync([.. ReachCli.CommandLine(["sockets", "--json", "--tcp"])]);
        var table = await space.RunAsync([.. ReachCli.CommandLine(["sockets", "--tcp"])]);

        Assert.True(json.ExitCode == 0, json.Describe());
        Assert.True(table.ExitCode == 0, table.Describe());
        Assert.Empty(json.StdErr.Trim()); // nothing is hidden: no rerun hint
        using var document = JsonDocument.Parse(json.StdOut);
        var rows = document.RootElement.GetProperty("sockets").EnumerateArray().ToList();

        var accepted = Assert.Single(rows, r => r.WholeNumber("local_port") == 7071 && r.WholeNumber("remote_port") == pending);
        AssertKernelOwned(accepted, "established", "root");
        var finWait = Assert.Single(rows, r => r.WholeNumber("local_port") == orphan);
        AssertKernelOwned(finWait, "fin-wait-2", "root");
        var closing = Assert.Single(rows, r => r.WholeNumber("local_port") == timeWait);
        AssertKernelOwned(closing, "time-wait", null);

        Assert.Matches($@"(?m)^tcp\s+127\.0\.0\.1:7071\s+127\.0\.0\.1:{pending}\s+ESTABLISHED\s+-\s+-\s+root\s+loopback$", table.StdOut);
        Assert.Matches($@"(?m)^tcp\s+127\.0\.0\.1:{orphan}\s+127\.0\.0\.1:7072\s+FIN_WAIT2\s+-\s+-\s+root\s+loopback$", table.StdOut);
        Assert.Matches($@"(?m)^tcp\s+127\.0\.0\.1:{timeWait}\s+127\.0\.0\.1:7072\s+TIME_WAIT\s+-\s+-\s+-\s+loopback$", table.StdOut);
    }

    private static void AssertKernelOwned(JsonElement socket, string state, string? user)
    {
        var what = socket.GetRawText();
        Assert.True(socket.Text("state") == state, what);
        foreach (var field in new[] { "pid", "process", "exe", "command_line" })
        {
            Assert.True(socket.Prop(field).ValueKind == JsonValueKind.Null, $"{field}: {what}");
        }

        Assert.True(socket.Text("user") == user, $"user should be {user ?? "null"}: {what}");
    }
}
