using Reach.Sockets;
using static Reach.Core.Tests.TestSupport.SocketRowsBuilder;

namespace Reach.Core.Tests.Sockets;

public class SocketQueryTests
{
    private static readonly SocketSnapshot Table = Snapshot(
        Tcp("0.0.0.0:80", pid: 10, name: "nginx"),
        Tcp("[::]:80", pid: 10, name: "nginx", v6Only: true),
        Tcp("127.0.0.1:5432", pid: 20, name: "postgres"),
        Tcp("[::]:22", pid: 30, name: "sshd", v6Only: false),
        Tcp("10.0.0.5:80", "10.0.0.9:51000", TcpSocketState.Established, pid: 10, name: "nginx"),
        Tcp("10.0.0.5:44000", "203.0.113.9:443", TcpSocketState.Established, pid: 40, name: "curl"),
        Tcp("10.0.0.5:44002", "203.0.113.9:443", TcpSocketState.SynSent, pid: 40, name: "curl"),
        Tcp("10.0.0.5:44004", "203.0.113.9:443", TcpSocketState.TimeWait, pid: null),
        Tcp("127.0.0.1:5432", "127.0.0.1:45000", TcpSocketState.CloseWait, pid: 20, name: "postgres"),
        Tcp("127.0.0.1:45000", "127.0.0.1:5432", TcpSocketState.Established, pid: 50, name: "psql"),
        Udp("0.0.0.0:53", pid: 60, name: "dnsmasq"),
        Udp("10.0.0.5:40000", "203.0.113.53:53", pid: 60, name: "dnsmasq"));

    private static IReadOnlyList<string> Run(SocketFilter filter) =>
        [.. SocketQuery.Run(Table, filter, Exposures()).Select(v => $"{v.Row.Protocol.ToWord()} {EndpointNotation.Local(v.Row.Local)} {EndpointNotation.Remote(v.Row.Remote)}")];

    [Fact]
    public void NoFilter_ListsEverything_SortedByProtocolPortAddress()
    {
        Assert.Equal(
            [
                "tcp [::]:22 *:*",
                "tcp 0.0.0.0:80 *:*",
                "tcp 10.0.0.5:80 10.0.0.9:51000",
                "tcp [::]:80 *:*",
                "tcp 127.0.0.1:5432 *:*",
                "tcp 127.0.0.1:5432 127.0.0.1:45000",
                "tcp 10.0.0.5:44000 203.0.113.9:443",
                "tcp 10.0.0.5:44002 203.0.113.9:443",
                "tcp 10.0.0.5:44004 203.0.113.9:443",
                "tcp 127.0.0.1:45000 127.0.0.1:5432",
                "udp 0.0.0.0:53 *:*",
                "udp 10.0.0.5:40000 203.0.113.53:53",
            ],
            Run(new SocketFilter()));
    }

    [Fact]
    public void Listening_IsTcpListenAndUnconnectedUdp() =>
        Assert.Equal(["tcp [::]:22 *:*", "tcp 0.0.0.0:80 *:*", "tcp [::]:80 *:*", "tcp 127.0.0.1:5432 *:*", "udp 0.0.0.0:53 *:*"], Run(new SocketFilter { Listening = true }));

    [Fact]
    public void Protocols_KeepOnlyThatProtocol() =>
        Assert.All(Run(new SocketFilter { Protocols = SocketProtocols.Udp }), line => Assert.StartsWith("udp", line, StringComparison.Ordinal));

    [Fact]
    public void Port_MatchesTheLocalPort() =>
        Assert.Equal(["tcp 0.0.0.0:80 *:*", "tcp 10.0.0.5:80 10.0.0.9:51000", "tcp [::]:80 *:*"], Run(new SocketFilter { Port = 80 }));

    [Fact]
    public void Pid_AndProcessName_IgnoringCase()
    {
        Assert.Equal(3, Run(new SocketFilter { Pid = 10 }).Count);
        Assert.Equal(Run(new SocketFilter { Pid = 10 }), Run(new SocketFilter { Process = "NGINX" }));
    }

    [Fact]
    public void States_KeepOnlyThoseTcpStates_AndNeverUdp() =>
        Assert.Equal(
            ["tcp 127.0.0.1:5432 127.0.0.1:45000", "tcp 10.0.0.5:44004 203.0.113.9:443"],
            Run(new SocketFilter { States = new HashSet<TcpSocketState> { TcpSocketState.CloseWait, TcpSocketState.TimeWait } }));

    [Fact]
    public void IPv4_IncludesTheDualStackListener_ButNotTheV6OnlyOne()
    {
        var lines = Run(new SocketFilter { Family = SocketFamilyFilter.IPv4, Listening = true });

        Assert.Contains("tcp [::]:22 *:*", lines);
        Assert.DoesNotContain("tcp [::]:80 *:*", lines);
        Assert.Contains("tcp 0.0.0.0:80 *:*", lines);
    }

    [Fact]
    public void IPv6_IsIPv6SocketsOnly() =>
        Assert.Equal(["tcp [::]:22 *:*", "tcp [::]:80 *:*"], Run(new SocketFilter { Family = SocketFamilyFilter.IPv6 }));

    [Fact]
    public void Outbound_IsEstablishedOrSynSentTcpFromAPortNoListenerHolds() =>
        Assert.Equal(
            ["tcp 10.0.0.5:44000 203.0.113.9:443", "tcp 10.0.0.5:44002 203.0.113.9:443", "tcp 127.0.0.1:45000 127.0.0.1:5432"],
            Run(new SocketFilter { Outbound = true }));

    [Fact]
    public void Outbound_WithPort_MatchesTheRemotePort() =>
        Assert.Equal(["tcp 127.0.0.1:45000 127.0.0.1:5432"], Run(new SocketFilter { Outbound = true, Port = 5432 }));

    [Fact]
    public void OutboundGroups_AreByRemoteEndpointAndProcess()
    {
        var outbound = SocketQuery.Run(Table, new SocketFilter { Outbound = true }, Exposures());

        var groups = OutboundConnections.Group(outbound);

        Assert.Equal(["127.0.0.1:5432 psql 1", "203.0.113.9:443 curl 2"], groups.Select(g => $"{g.Remote} {g.Process} {g.Connections.Count}"));
    }

    [Fact]
    public void PortListeners_GroupsTheListenersOfAPortByProcess()
    {
        var all = SocketQuery.Run(Table, new SocketFilter(), Exposures());

        var owners = PortListeners.Find(all, 80);

        var nginx = Assert.Single(owners);
        Assert.Equal("nginx", nginx.Owner?.Name);
        Assert.Equal(["0.0.0.0:80", "[::]:80"], nginx.Sockets.Select(s => EndpointNotation.Local(s.Row.Local)));
        Assert.Empty(PortListeners.Find(all, 8080));
    }

    [Fact]
    public void Order_IsTheSameWhateverTheTableOrder()
    {
        var shuffled = Snapshot([.. Table.Entries.Reverse()]);

        Assert.Equal(
            SocketQuery.Run(Table, new SocketFilter(), Exposures()).Select(v => v.Entry),
            SocketQuery.Run(shuffled, new SocketFilter(), Exposures()).Select(v => v.Entry));
    }

    [Fact]
    public void Order_OfTheQuery_IsTheOrderOfSocketViewOrder()
    {
        var table = Snapshot(
            [.. Table.Entries,
            Tcp("[2001:db8::1]:80", "[2001:db8::9]:5000", TcpSocketState.Established),
            Tcp("[::ffff:10.0.0.5]:80", "[::ffff:10.0.0.7]:5000", TcpSocketState.Established),
            Tcp("[fe80::1]:80", "[fe80::2]:5000", TcpSocketState.Established, pid: 5),
            Tcp("255.255.255.255:80", "1.2.3.4:5", TcpSocketState.Established),
            Udp("[::]:53", pid: 61, name: "dnsmasq")]);

        var fromQuery = SocketQuery.Run(table, new SocketFilter(), Exposures());
        var expected = fromQuery.ToList();
        expected.Sort(SocketViewOrder.Instance);

        Assert.Equal(expected.Select(v => v.Entry), fromQuery.Select(v => v.Entry));
    }
}
