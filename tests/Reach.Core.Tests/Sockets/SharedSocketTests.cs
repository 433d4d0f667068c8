using System.Net;
using System.Text.Json;
using Reach.Output;
using Reach.Sockets;
using static Reach.Core.Tests.TestSupport.SocketRowsBuilder;

namespace Reach.Core.Tests.Sockets;

/// <summary>
/// Sockets several processes hold: a pre-fork server (master 10, workers 11 and 12 share both listeners on 80) and a
/// parent (20) whose child (21) shares its listener on 8080 and holds a UDP socket of its own.
/// </summary>
public class SharedSocketTests
{
    private static readonly ProcessOwner Master = new(10, "nginx", "/usr/sbin/nginx", "nginx: master process /usr/sbin/nginx", "root");
    private static readonly ProcessOwner Worker1 = new(11, "nginx", "/usr/sbin/nginx", "nginx: worker process", "www-data");
    private static readonly ProcessOwner Worker2 = new(12, "nginx", "/usr/sbin/nginx", "nginx: worker process", "www-data");
    private static readonly ProcessOwner Parent = new(20, "server", "/usr/bin/server", "server --fork", "root");
    private static readonly ProcessOwner Child = new(21, "server-child", "/usr/bin/server", "server --child", "root");

    private static readonly SocketSnapshot Table = Snapshot(
        Shared(Tcp("0.0.0.0:80"), Master, Worker1, Worker2),
        Shared(Tcp("[::]:80", v6Only: true), Master, Worker1, Worker2),
        Shared(Tcp("10.0.0.5:80", "10.0.0.9:51000", TcpSocketState.Established), Worker2),
        Shared(Tcp("0.0.0.0:8080"), Parent, Child),
        Shared(Udp("0.0.0.0:5353"), Child),
        Shared(Tcp("10.0.0.5:41000", "203.0.113.9:443", TcpSocketState.Established), Parent, Child),
        Shared(Tcp("10.0.0.5:41002", "203.0.113.9:443", TcpSocketState.Established), Parent));

    [Fact]
    public void PidFilter_MatchesEverySocketTheProcessHolds_AlsoThoseItShares()
    {
        var child = SocketQuery.Run(Table, new SocketFilter { Pid = 21 }, Exposures());
        var worker = SocketQuery.Run(Table, new SocketFilter { Pid = 12 }, Exposures());

        Assert.Equal(["0.0.0.0:8080", "10.0.0.5:41000", "0.0.0.0:5353"], child.Select(v => EndpointNotation.Local(v.Row.Local)));
        Assert.Equal(["0.0.0.0:80", "10.0.0.5:80", "[::]:80"], worker.Select(v => EndpointNotation.Local(v.Row.Local)));
    }

    [Fact]
    public void ProcessFilter_MatchesAnyHoldersName()
    {
        var views = SocketQuery.Run(Table, new SocketFilter { Process = "SERVER-CHILD" }, Exposures());

        Assert.Equal(3, views.Count);
    }

    [Fact]
    public void PortListeners_HaveOneEntryPerOwningPid_EachWithTheSocketsItHolds()
    {
        var all = SocketQuery.Run(Table, new SocketFilter(), Exposures());

        var web = PortListeners.Find(all, 80);
        var alt = PortListeners.Find(all, 8080);

        Assert.Equal([10, 11, 12], web.Select(o => o.Pid));
        Assert.Equal(["root", "www-data", "www-data"], web.Select(o => o.User));
        Assert.All(web, o => Assert.Equal(["0.0.0.0:80", "[::]:80"], o.Sockets.Select(s => EndpointNotation.Local(s.Row.Local))));
        Assert.Equal([(20, "server"), (21, "server-child")], alt.Select(o => (o.Pid!.Value, o.Owner!.Name!)));
    }

    [Fact]
    public void Outbound_GroupsByRemoteAndTheWholeSetOfHolders()
    {
        var outbound = SocketQuery.Run(Table, new SocketFilter { Outbound = true }, Exposures());

        var groups = OutboundConnections.Group(outbound);

        Assert.Equal(
            ["203.0.113.9:443 20 [20]", "203.0.113.9:443 20 [20,21]"],
            groups.Select(g => $"{g.Remote} {g.Pid} [{string.Join(',', g.Connections[0].Entry.Owners.Select(o => o.Pid))}]"));
    }

    [Fact]
    public void Json_NamesTheLowestPid_AndListsTheOtherOwnersInFull()
    {
        var views = SocketQuery.Run(Table, new SocketFilter { Port = 8080 }, Exposures());

        var json = JsonSerializer.Serialize(SocketsJsonMapper.ToJson(Table, views), ReachJsonContext.Default.SocketsDocumentJson);
        using var document = JsonDocument.Parse(json);

        var socket = Assert.Single(document.RootElement.GetProperty("sockets").EnumerateArray());
        Assert.Equal(20, socket.GetProperty("pid").GetInt32());
        Assert.Equal("server", socket.GetProperty("process").GetString());
        var other = Assert.Single(socket.GetProperty("other_owners").EnumerateArray());
        Assert.Equal(21, other.GetProperty("pid").GetInt32());
        Assert.Equal("server-child", other.GetProperty("process").GetString());
        Assert.Equal("/usr/bin/server", other.GetProperty("exe").GetString());
        Assert.Equal("server --child", other.GetProperty("command_line").GetString());
        Assert.Equal("root", other.GetProperty("user").GetString());
    }

    [Fact]
    public void Json_ASocketWithOneOwner_HasNoOtherOwners()
    {
        var views = SocketQuery.Run(Table, new SocketFilter { Port = 5353 }, Exposures());

        var json = JsonSerializer.Serialize(SocketsJsonMapper.ToJson(Table, views), ReachJsonContext.Default.SocketsDocumentJson);
        using var document = JsonDocument.Parse(json);

        var socket = Assert.Single(document.RootElement.GetProperty("sockets").EnumerateArray());
        Assert.Empty(socket.GetProperty("other_owners").EnumerateArray());
    }

    private static SocketEntry Shared(SocketEntry entry, params ProcessOwner[] owners) => entry with { Owners = owners };
}
