using Reach.Sockets;
using Reach.Sockets.Baseline;
using static Reach.Core.Tests.TestSupport.SocketRowsBuilder;

namespace Reach.Core.Tests.Sockets;

public class BaselineDiffTests
{
    private static IReadOnlyList<BaselineListener> Listeners(params SocketEntry[] entries) =>
        BaselineDocument.Create(SocketQuery.Run(Snapshot(entries), new SocketFilter(), Exposures()), "host", DateTimeOffset.UnixEpoch).Listeners;

    [Fact]
    public void SameListeners_WithNewPids_NoChange()
    {
        var diff = BaselineDiff.Compare(
            Listeners(Tcp("0.0.0.0:80", pid: 10, name: "nginx"), Udp("0.0.0.0:53", pid: 11, name: "dnsmasq")),
            Listeners(Tcp("0.0.0.0:80", pid: 99, name: "nginx"), Udp("0.0.0.0:53", pid: 98, name: "dnsmasq")));

        Assert.False(diff.HasChanges);
    }

    [Fact]
    public void NewListener_Appeared_GoneOne_Disappeared()
    {
        var diff = BaselineDiff.Compare(
            Listeners(Tcp("0.0.0.0:80", name: "nginx"), Tcp("127.0.0.1:6379", name: "redis")),
            Listeners(Tcp("0.0.0.0:80", name: "nginx"), Tcp("0.0.0.0:4444", name: "nc")));

        Assert.Equal("nc 4444 0.0.0.0", Describe(Assert.Single(diff.Appeared)));
        Assert.Equal("redis 6379 127.0.0.1", Describe(Assert.Single(diff.Disappeared)));
        Assert.Empty(diff.MoreExposed);
    }

    [Fact]
    public void ListenerMovedFromLoopbackToWildcard_IsMoreExposed_NotAppearedAndDisappeared()
    {
        var diff = BaselineDiff.Compare(
            Listeners(Tcp("127.0.0.1:8080", name: "node")),
            Listeners(Tcp("0.0.0.0:8080", name: "node")));

        var change = Assert.Single(diff.MoreExposed);
        Assert.Equal("127.0.0.1", change.Before.Address);
        Assert.Equal("0.0.0.0", change.Now.Address);
        Assert.Empty(diff.Appeared);
        Assert.Empty(diff.Disappeared);
    }

    [Fact]
    public void DualStackTurnedOn_IsMoreExposed()
    {
        var diff = BaselineDiff.Compare(
            Listeners(Tcp("[::]:22", name: "sshd", v6Only: true)),
            Listeners(Tcp("[::]:22", name: "sshd", v6Only: false)));

        var change = Assert.Single(diff.MoreExposed);
        Assert.False(change.Before.Ipv4);
        Assert.True(change.Now.Ipv4);
    }

    [Fact]
    public void ListenerMovedToANarrowerAddress_IsNotReported()
    {
        var diff = BaselineDiff.Compare(
            Listeners(Tcp("0.0.0.0:8080", name: "node")),
            Listeners(Tcp("127.0.0.1:8080", name: "node")));

        Assert.False(diff.HasChanges);
    }

    [Fact]
    public void MovedListeners_PairWithinTheirAddressFamily()
    {
        var diff = BaselineDiff.Compare(
            Listeners(Tcp("127.0.0.1:80", name: "web"), Tcp("[::1]:80", name: "web")),
            Listeners(Tcp("0.0.0.0:80", name: "web"), Tcp("[::1]:81", name: "web")));

        var change = Assert.Single(diff.MoreExposed);
        Assert.Equal(("127.0.0.1", "0.0.0.0"), (change.Before.Address, change.Now.Address));
        Assert.Equal("web 81 ::1", Describe(Assert.Single(diff.Appeared)));
        Assert.Equal("web 80 ::1", Describe(Assert.Single(diff.Disappeared)));
    }

    [Fact]
    public void SameProcessPortAddress_OverTcpAndUdp_AreTwoListeners()
    {
        var diff = BaselineDiff.Compare(Listeners(Tcp("0.0.0.0:53", name: "dns")), Listeners(Tcp("0.0.0.0:53", name: "dns"), Udp("0.0.0.0:53", name: "dns")));

        Assert.Equal("udp", Assert.Single(diff.Appeared).Proto);
    }

    [Fact]
    public void Baseline_HoldsOnlyListeners_OncePerIdentity()
    {
        var listeners = Listeners(
            Tcp("0.0.0.0:80", pid: 1, name: "nginx"),
            Tcp("0.0.0.0:80", pid: 2, name: "nginx"),
            Tcp("10.0.0.5:80", "10.0.0.9:5000", TcpSocketState.Established, name: "nginx"),
            Udp("10.0.0.5:40000", "203.0.113.53:53"));

        var listener = Assert.Single(listeners);
        Assert.Equal(("tcp", "nginx", 80, "0.0.0.0", "any", AddressScope.Public), (listener.Proto, listener.Process, listener.Port, listener.Address, listener.Exposure, listener.Reach));
    }

    private static string Describe(BaselineListener listener) => $"{listener.Process} {listener.Port} {listener.Address}";
}
