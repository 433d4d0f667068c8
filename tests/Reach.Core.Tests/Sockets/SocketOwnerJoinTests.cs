using System.Net;
using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

public class SocketOwnerJoinTests
{
    private static readonly IPEndPoint AnyV4 = new(IPAddress.Any, 0);

    [Fact]
    public void Join_RowsSharingAProcess_ShareOneDescription()
    {
        var rows = new[] { Row(80, inode: 1), Row(443, inode: 2) };
        var described = new List<int>();

        var snapshot = SocketOwnerJoin.Join(rows, Owners((1, 7), (2, 7)), pid => { described.Add(pid); return Owner(pid); }, Name, false, "test");

        Assert.Equal([7], described);
        Assert.Same(snapshot.Entries[0].Owner, snapshot.Entries[1].Owner);
        Assert.False(snapshot.OwnersIncomplete);
        Assert.Equal("test", snapshot.Source);
    }

    [Fact]
    public void Join_ASocketSeveralProcessesHold_HasEachOfThemAsOwner_LowestPidFirst()
    {
        // A parent and its child share the listener on 80; the child alone holds 443.
        var rows = new[] { Row(80, inode: 1), Row(443, inode: 2) };
        var owners = new InodeOwners([1, 2]);
        owners.Add(1, 41);
        owners.Add(1, 40);
        owners.Add(2, 41);

        var snapshot = SocketOwnerJoin.Join(rows, owners, Owner, Name, false, "test");

        Assert.Equal([40, 41], snapshot.Entries[0].Owners.Select(o => o.Pid));
        Assert.Equal(40, snapshot.Entries[0].Owner?.Pid);
        Assert.Equal([41], snapshot.Entries[1].Owners.Select(o => o.Pid));
        Assert.True(snapshot.Entries[0].IsHeldBy(41));
        Assert.Same(snapshot.Entries[0].Owners[1], snapshot.Entries[1].Owner); // 41 described once
    }

    [Fact]
    public void Join_UnreadableProcesses_LeaveTheOwnerUnknownWithTheSocketsUser()
    {
        var rows = new[] { Row(80, inode: 1, uid: 33), Row(443, inode: 2) };

        var snapshot = SocketOwnerJoin.Join(rows, Owners((1, 0), (2, 9)), Owner, Name, someProcessesHidden: true, "test");

        Assert.Null(snapshot.Entries[0].Owner);
        Assert.Equal("user33", snapshot.Entries[0].OwnerUser);
        Assert.Equal(9, snapshot.Entries[1].Owner?.Pid);
        Assert.True(snapshot.OwnersIncomplete);
    }

    [Fact]
    public void Join_TimeWaitWithoutInode_IsNotAHiddenOwner()
    {
        var rows = new[] { Row(80, inode: 0, state: TcpSocketState.TimeWait) };

        var snapshot = SocketOwnerJoin.Join(rows, Owners(), Owner, Name, someProcessesHidden: true, "test");

        Assert.Null(snapshot.Entries[0].Owner);
        Assert.Null(snapshot.Entries[0].OwnerUser);
        Assert.True(snapshot.Entries[0].OwnedByKernel);
        Assert.False(snapshot.OwnersIncomplete);
    }

    [Theory]
    [InlineData(TcpSocketState.Established, "user33")] // waiting in the accept queue: the listener's user
    [InlineData(TcpSocketState.FinWait2, "user33")] // orphaned after its program closed it: the former owner's
    [InlineData(TcpSocketState.LastAck, "user33")]
    [InlineData(TcpSocketState.TimeWait, null)] // not a full socket: the kernel reports uid 0 whoever it was
    [InlineData(TcpSocketState.SynReceived, null)]
    public void Join_ASocketWithoutInode_IsTheKernels_WithTheNamedUserItIsKeptFor(TcpSocketState state, string? user)
    {
        var rows = new[] { Row(80, inode: 0, uid: 33, state: state) };

        var snapshot = SocketOwnerJoin.Join(rows, Owners(), Owner, Name, someProcessesHidden: false, "test");

        var entry = Assert.Single(snapshot.Entries);
        Assert.True(entry.OwnedByKernel);
        Assert.Empty(entry.Owners);
        Assert.Equal(user, entry.OwnerUser);
        Assert.Equal(user, new SocketView(entry, new Exposure(false, AddressScope.Public, [])).User);
    }

    [Fact]
    public void Join_AHiddenOwner_IsNotTheKernels()
    {
        var snapshot = SocketOwnerJoin.Join([Row(80, inode: 5, uid: 33)], Owners((5, 0)), Owner, Name, someProcessesHidden: true, "test");

        Assert.False(snapshot.Entries[0].OwnedByKernel);
        Assert.Equal("user33", snapshot.Entries[0].OwnerUser);
    }

    [Fact]
    public void Join_AsRoot_AnOwnerlessSocketIsNotHidden()
    {
        var snapshot = SocketOwnerJoin.Join([Row(80, inode: 5)], Owners((5, 0)), Owner, Name, someProcessesHidden: false, "test");

        Assert.Null(snapshot.Entries[0].Owner);
        Assert.False(snapshot.OwnersIncomplete);
    }

    private static SocketRow Row(int port, ulong inode, int uid = 0, TcpSocketState state = TcpSocketState.Listen) =>
        new(SocketProtocol.Tcp, new IPEndPoint(IPAddress.Any, port), AnyV4, state, inode, null, uid);

    private static InodeOwners Owners(params (ulong Inode, int Pid)[] pairs)
    {
        var owners = new InodeOwners(pairs.Select(p => p.Inode));
        foreach (var (inode, pid) in pairs)
        {
            if (pid != 0)
            {
                owners.Add(inode, pid);
            }
        }

        return owners;
    }

    private static ProcessOwner Owner(int pid) => new(pid, $"p{pid}", null, null, null);

    private static string Name(int uid) => $"user{uid}";
}
