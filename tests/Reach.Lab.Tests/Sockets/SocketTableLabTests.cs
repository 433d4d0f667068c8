using System.Net;
using System.Runtime.Versioning;
using Reach.Lab.Tests.Lab;
using Reach.Sockets;

namespace Reach.Lab.Tests.Sockets;

/// <summary>
/// The Linux socket table read from inside a namespace this test creates, where it alone opens sockets (on that
/// namespace's loopback): every row is known, and ss, run in the same namespace, must list the same sockets.
/// </summary>
[SupportedOSPlatform("linux")] // RequireLab skips elsewhere
public sealed class SocketTableLabTests(LabFixture lab, ITestOutputHelper output)
{
    private static readonly IPAddress MappedLoopback = IPAddress.Parse("::ffff:127.0.0.1");

    [Fact]
    public async Task Read_Netlink_ReportsEveryListenerConnectionAndV6OnlyFlag_AsSsDoes()
    {
        lab.RequireLab();
        await using var space = await SocketTableNamespace.CreateAsync(lab.IpPath);
        using var sockets = OpenTheZoo(space.Name);

        var snapshot = Read(space.Name, useNetlink: true);
        var ss = await space.RunAsync("ss", "-tuanpH");

        Assert.Equal(0, ss.ExitCode);
        output.WriteLine(ss.StdOut);
        var rows = snapshot.Entries.Select(e => e.Row).ToList();
        Assert.Equal("netlink sock_diag", snapshot.Source);
        Assert.False(snapshot.OwnersIncomplete);
        Assert.Equal(16, rows.Count);

        AssertListener(rows, IPAddress.Loopback, 7101, v6Only: null);
        AssertListener(rows, IPAddress.Any, 7102, v6Only: null);
        AssertListener(rows, IPAddress.IPv6Loopback, 7103, v6Only: true);
        AssertListener(rows, IPAddress.IPv6Any, 7104, v6Only: true);
        AssertListener(rows, IPAddress.IPv6Any, 7105, v6Only: false);
        Assert.Single(rows, r => r.Protocol == SocketProtocol.Udp && r.Local.Equals(new IPEndPoint(IPAddress.Any, 7106)) && r.V6Only is null);
        Assert.Single(rows, r => r.Protocol == SocketProtocol.Udp && r.Local.Equals(new IPEndPoint(IPAddress.IPv6Any, 7107)) && r.V6Only == true);
        Assert.Single(rows, r => r.Protocol == SocketProtocol.Udp && r.Local.Equals(new IPEndPoint(IPAddress.IPv6Any, 7108)) && r.V6Only == false);

        // Both ends of each connection; IPv4 into the dual-stack listener arrives as an IPv4-mapped IPv6 socket.
        AssertConnection(rows, IPAddress.Loopback, 7101);
        AssertConnection(rows, IPAddress.IPv6Loopback, 7103);
        Assert.Single(rows, r => r.State == TcpSocketState.Established && r.Local.Equals(new IPEndPoint(MappedLoopback, 7105)));
        Assert.Single(rows, r => r.State == TcpSocketState.Established && r.Remote.Equals(new IPEndPoint(IPAddress.Loopback, 7105)));

        Assert.All(snapshot.Entries, e => Assert.Equal(Environment.ProcessId, e.Owner?.Pid));
        Assert.All(snapshot.Entries, e => Assert.Equal("root", e.Owner?.User));
        Assert.All(snapshot.Entries, e => Assert.NotEqual(0UL, e.Row.Inode));

        var fromSs = SsLine.ParseAll(ss.StdOut);
        Assert.Equal(
            fromSs.Select(l => (l.Protocol, l.State, l.Local, l.Peer)).Order(),
            rows.Select(SsNotation.Of).Order());
        Assert.All(fromSs, l => Assert.Equal([Environment.ProcessId], l.Pids));
    }

    [Fact]
    public async Task Read_ProcNetFallback_AgreesWithNetlink_ExceptForV6Only()
    {
        lab.RequireLab();
        await using var space = await SocketTableNamespace.CreateAsync(lab.IpPath);
        using var sockets = OpenTheZoo(space.Name);

        var netlink = Read(space.Name, useNetlink: true);
        var proc = Read(space.Name, useNetlink: false);

        Assert.Equal("/proc/net", proc.Source);
        Assert.All(proc.Entries, e => Assert.Null(e.Row.V6Only));
        Assert.Equal(Comparable(netlink), Comparable(proc));
    }

    private static SocketSnapshot Read(string space, bool useNetlink) =>
        NetworkNamespace.Run(space, () => new LinuxSocketTable(useNetlink).Read(SocketProtocols.All));

    private static IEnumerable<string> Comparable(SocketSnapshot snapshot) =>
        snapshot.Entries.Select(e => $"{e.Row with { V6Only = null }} {e.Owner}").Order(StringComparer.Ordinal);

    /// <summary>5 TCP listeners, 3 UDP sockets, 4 connections with both ends: 16 sockets.</summary>
    private static NamespaceSockets OpenTheZoo(string space)
    {
        var sockets = new NamespaceSockets();
        try
        {
            sockets.OpenIn(space, list =>
            {
                var v4 = NamespaceSockets.Listen(list, new IPEndPoint(IPAddress.Loopback, 7101));
                NamespaceSockets.Listen(list, new IPEndPoint(IPAddress.Any, 7102));
                var v6 = NamespaceSockets.Listen(list, new IPEndPoint(IPAddress.IPv6Loopback, 7103), v6Only: true);
                NamespaceSockets.Listen(list, new IPEndPoint(IPAddress.IPv6Any, 7104), v6Only: true);
                var dual = NamespaceSockets.Listen(list, new IPEndPoint(IPAddress.IPv6Any, 7105), v6Only: false);
                NamespaceSockets.Udp(list, new IPEndPoint(IPAddress.Any, 7106));
                NamespaceSockets.Udp(list, new IPEndPoint(IPAddress.IPv6Any, 7107), v6Only: true);
                NamespaceSockets.Udp(list, new IPEndPoint(IPAddress.IPv6Any, 7108), v6Only: false);
                NamespaceSockets.Connect(list, v4, IPAddress.Loopback);
                NamespaceSockets.Connect(list, v6, IPAddress.IPv6Loopback);
                NamespaceSockets.Connect(list, dual, IPAddress.Loopback);
                NamespaceSockets.Connect(list, dual, IPAddress.IPv6Loopback);
            });
            return sockets;
        }
        catch
        {
            sockets.Dispose();
            throw;
        }
    }

    private static void AssertListener(List<SocketRow> rows, IPAddress address, int port, bool? v6Only)
    {
        var row = Assert.Single(rows, r => r.State == TcpSocketState.Listen && r.Local.Equals(new IPEndPoint(address, port)));
        Assert.Equal(v6Only, row.V6Only);
        Assert.Equal(port, row.Local.Port);
    }

    private static void AssertConnection(List<SocketRow> rows, IPAddress address, int port)
    {
        var server = new IPEndPoint(address, port);
        var client = Assert.Single(rows, r => r.State == TcpSocketState.Established && r.Remote.Equals(server));
        var accepted = Assert.Single(rows, r => r.State == TcpSocketState.Established && r.Local.Equals(server));
        Assert.Equal(client.Local, accepted.Remote);
    }
}
