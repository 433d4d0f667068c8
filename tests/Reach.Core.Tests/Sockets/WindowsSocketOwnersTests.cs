using System.Net;
using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

public class WindowsSocketOwnersTests
{
    private static SocketRow Tcp(int pid, int port = 80) =>
        new(SocketProtocol.Tcp, new IPEndPoint(IPAddress.Any, port), new IPEndPoint(IPAddress.Any, 0), TcpSocketState.Listen, Pid: pid);

    private static SocketRow Udp(int pid, int port = 53) =>
        new(SocketProtocol.Udp, new IPEndPoint(IPAddress.Any, port), new IPEndPoint(IPAddress.Any, 0), null, Pid: pid);

    private static ProcessOwner Process(int pid, string? name, string? path = null) => new(pid, name, path, null, null);

    [Fact]
    public void EachRow_GetsItsProcess_LookedUpOncePerPid()
    {
        var lookups = new List<int>();
        ProcessOwner? Lookup(int pid)
        {
            lookups.Add(pid);
            return Process(pid, "nginx", @"C:\nginx\nginx.exe");
        }

        var snapshot = WindowsSocketOwners.Join([Tcp(1200, 80), Tcp(1200, 443), Udp(1200)], Lookup, "test");

        Assert.Equal([1200], lookups);
        Assert.All(snapshot.Entries, e => Assert.Equal(@"C:\nginx\nginx.exe", e.Owner?.ExecutablePath));
        Assert.False(snapshot.OwnersIncomplete);
        Assert.Equal("test", snapshot.Source);
    }

    [Fact]
    public void Pids0And4_AreTheIdleAndSystemProcesses_WhateverTheLookupSays()
    {
        var snapshot = WindowsSocketOwners.Join([Tcp(0), Tcp(4), Udp(4)], _ => null, "test");

        Assert.Equal(
            ["System Idle Process", "System", "System"],
            snapshot.Entries.Select(e => e.Owner?.Name));
        Assert.Equal([0, 4, 4], snapshot.Entries.Select(e => e.Owner?.Pid));
        Assert.False(snapshot.OwnersIncomplete);
    }

    [Fact]
    public void UdpPid0_MeansTheOwnerIsNotAvailable_NotTheIdleProcess()
    {
        var snapshot = WindowsSocketOwners.Join([Udp(0)], _ => throw new InvalidOperationException("not looked up"), "test");

        var entry = Assert.Single(snapshot.Entries);
        Assert.Null(entry.Owner);
        Assert.Equal(0, entry.Row.Pid);
        Assert.False(snapshot.OwnersIncomplete); // Privileges would not tell more.
    }

    [Fact]
    public void AProcessThatCannotBeRead_HasNoOwner_AndMarksTheSnapshotIncomplete()
    {
        var snapshot = WindowsSocketOwners.Join([Tcp(1200), Tcp(3300)], pid => pid == 1200 ? Process(1200, "nginx") : null, "test");

        Assert.Equal("nginx", snapshot.Entries[0].Owner?.Name);
        Assert.Null(snapshot.Entries[1].Owner);
        Assert.Equal(3300, snapshot.Entries[1].Row.Pid);
        Assert.True(snapshot.OwnersIncomplete);
    }

    [Fact]
    public void AProcessWithAPathButNoName_MarksTheSnapshotIncomplete()
    {
        var snapshot = WindowsSocketOwners.Join([Tcp(1200)], pid => Process(pid, null, @"C:\x.exe"), "test");

        Assert.True(snapshot.OwnersIncomplete);
    }

    [Fact]
    public void NoRows_GiveAnEmptyCompleteSnapshot()
    {
        var snapshot = WindowsSocketOwners.Join([], _ => null, "test");

        Assert.Empty(snapshot.Entries);
        Assert.False(snapshot.OwnersIncomplete);
    }
}
