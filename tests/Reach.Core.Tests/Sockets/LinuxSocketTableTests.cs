using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

/// <summary>Reads this machine's real table, looking only for sockets this test opened itself (on loopback).</summary>
[SupportedOSPlatform("linux")] // each test skips itself elsewhere
public class LinuxSocketTableTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_FindsOurOwnLoopbackListener_WithThisProcessAsOwner(bool useNetlink)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the Linux socket table");
        using var listener = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = false };
        listener.Bind(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        listener.Listen();
        var local = (IPEndPoint)listener.LocalEndPoint!;
        var table = new LinuxSocketTable(useNetlink);

        var snapshot = table.Read(SocketProtocols.Tcp);

        var entry = Assert.Single(snapshot.Entries, e => e.Row.Local.Equals(local));
        Assert.Equal(useNetlink ? "netlink sock_diag" : "/proc/net", snapshot.Source);
        Assert.Equal(TcpSocketState.Listen, entry.Row.State);
        Assert.Equal(useNetlink ? true : null, entry.Row.V6Only);
        Assert.Equal(Environment.ProcessId, entry.Owner?.Pid);
        Assert.NotNull(entry.Owner?.Name);
        Assert.DoesNotContain(snapshot.Entries, e => e.Row.Protocol == SocketProtocol.Udp);
    }
}
