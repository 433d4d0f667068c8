using System.Net;
using Reach.Sockets;

namespace Reach.Core.Tests.TestSupport;

/// <summary>Short ways to write socket-table entries in tests: <c>Tcp("0.0.0.0:80", state: Listen, pid: 10, name: "nginx")</c>.</summary>
internal static class SocketRowsBuilder
{
    public static SocketEntry Tcp(string local, string? remote = null, TcpSocketState state = TcpSocketState.Listen, int? pid = 100, string? name = "app", bool? v6Only = null, string? user = "root") =>
        Entry(SocketProtocol.Tcp, local, remote, state, pid, name, v6Only, user);

    public static SocketEntry Udp(string local, string? remote = null, int? pid = 100, string? name = "app", bool? v6Only = null) =>
        Entry(SocketProtocol.Udp, local, remote, null, pid, name, v6Only, "root");

    public static SocketSnapshot Snapshot(params SocketEntry[] entries) => new(entries, "test", OwnersIncomplete: false);

    /// <summary>10.0.0.5 (private), 203.0.113.7 (public), 127.0.0.1, ::1, fe80::1, 2001:db8::5 (public).</summary>
    public static ExposureCalculator Exposures(bool? defaultV6Only = false) =>
        new([IPAddress.Parse("127.0.0.1"), IPAddress.Parse("10.0.0.5"), IPAddress.Parse("203.0.113.7"), IPAddress.IPv6Loopback, IPAddress.Parse("fe80::1"), IPAddress.Parse("2001:db8::5")], defaultV6Only);

    private static SocketEntry Entry(SocketProtocol protocol, string local, string? remote, TcpSocketState? state, int? pid, string? name, bool? v6Only, string? user)
    {
        var localEndPoint = IPEndPoint.Parse(local);
        var remoteEndPoint = remote is null
            ? new IPEndPoint(localEndPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0)
            : IPEndPoint.Parse(remote);
        var row = new SocketRow(protocol, localEndPoint, remoteEndPoint, state, V6Only: v6Only);
        var owner = pid is { } p ? new ProcessOwner(p, name, $"/usr/bin/{name}", $"{name} --serve", user) : null;
        return new SocketEntry(row, owner);
    }
}

/// <summary>A socket table that returns what the test gave it.</summary>
internal sealed class FakeSocketTable(SocketSnapshot snapshot) : ISocketTable
{
    public SocketProtocols LastRead { get; private set; }

    public SocketSnapshot Read(SocketProtocols protocols)
    {
        LastRead = protocols;
        return snapshot;
    }
}
