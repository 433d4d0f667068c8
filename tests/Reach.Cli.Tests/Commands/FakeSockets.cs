using System.Net;
using Reach.Cli.Commands;
using Reach.Sockets;

namespace Reach.Cli.Tests.Commands;

/// <summary>A fixed socket table and interface list for the CLI tests: a web server, a loopback database, a hidden owner.</summary>
internal static class FakeSockets
{
    public static readonly IPAddress[] Interfaces =
        [IPAddress.Loopback, IPAddress.Parse("10.0.0.5"), IPAddress.Parse("203.0.113.7"), IPAddress.IPv6Loopback, IPAddress.Parse("fd00::5")];

    public static SocketEntry Tcp(string local, string remote, TcpSocketState state, ProcessOwner? owner, bool? v6Only = null) =>
        new(new SocketRow(SocketProtocol.Tcp, IPEndPoint.Parse(local), IPEndPoint.Parse(remote), state, V6Only: v6Only), owner);

    public static SocketEntry Udp(string local, ProcessOwner? owner) =>
        new(new SocketRow(SocketProtocol.Udp, IPEndPoint.Parse(local), new IPEndPoint(IPAddress.Any, 0), null), owner);

    public static readonly ProcessOwner Nginx = new(1234, "nginx", "/usr/sbin/nginx", "nginx: master process /usr/sbin/nginx", "root");
    public static readonly ProcessOwner Postgres = new(2000, "postgres", "/usr/lib/postgresql/15/bin/postgres", "postgres -D /var/lib/postgresql", "postgres");

    /// <summary>A pre-fork server: the master and two workers hold the same two listeners on 8000.</summary>
    public static readonly ProcessOwner Master = new(3000, "nginx", "/usr/sbin/nginx", "nginx: master process /usr/sbin/nginx -c /etc/nginx/alt.conf", "root");
    public static readonly ProcessOwner Worker1 = new(3001, "nginx", "/usr/sbin/nginx", "nginx: worker process", "www-data");
    public static readonly ProcessOwner Worker2 = new(3002, "nginx", "/usr/sbin/nginx", "nginx: worker process", "www-data");

    public static SocketEntry[] PreFork =>
    [
        Tcp("0.0.0.0:8000", "0.0.0.0:0", TcpSocketState.Listen, null) with { Owners = [Master, Worker1, Worker2] },
        Tcp("[::]:8000", "[::]:0", TcpSocketState.Listen, null, v6Only: true) with { Owners = [Master, Worker1, Worker2] },
        Tcp("10.0.0.5:8000", "10.0.0.9:50000", TcpSocketState.Established, Worker2),
    ];

    public static SocketEntry[] Default =>
    [
        Tcp("0.0.0.0:80", "0.0.0.0:0", TcpSocketState.Listen, Nginx),
        Tcp("[::]:80", "[::]:0", TcpSocketState.Listen, Nginx, v6Only: true),
        Tcp("127.0.0.1:5432", "0.0.0.0:0", TcpSocketState.Listen, Postgres),
        Tcp("10.0.0.5:80", "10.0.0.9:50000", TcpSocketState.Established, Nginx),
        Tcp("10.0.0.5:41000", "198.51.100.1:443", TcpSocketState.Established, Nginx),
        Udp("0.0.0.0:5353", null),
    ];

    public static SocketSources Sources(SocketEntry[]? entries = null, bool ownersIncomplete = false, string source = "fake") =>
        new(new Table(new SocketSnapshot(entries ?? Default, source, ownersIncomplete)), new Addresses(), () => false);

    /// <summary>A table that must not be read (for --explain and input errors).</summary>
    public static SocketSources Unreadable(Exception failure) => new(new Failing(failure), new Addresses(), () => false);

    private sealed class Table(SocketSnapshot snapshot) : ISocketTable
    {
        public SocketSnapshot Read(SocketProtocols protocols) => snapshot;
    }

    private sealed class Failing(Exception failure) : ISocketTable
    {
        public SocketSnapshot Read(SocketProtocols protocols) => throw failure;
    }

    private sealed class Addresses : IInterfaceAddressSource
    {
        public IReadOnlyList<IPAddress> GetAddresses() => Interfaces;
    }
}
