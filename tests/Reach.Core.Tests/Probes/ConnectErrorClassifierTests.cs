using System.Net;
using System.Net.Sockets;
using Reach.Probes;

namespace Reach.Core.Tests.Probes;

public class ConnectErrorClassifierTests
{
    private static readonly IPAddress Router = IPAddress.Parse("10.0.0.1");

    [Theory]
    [InlineData(SocketError.ConnectionRefused, PortState.Closed, ProbeReason.ConnRefused)]
    [InlineData(SocketError.ConnectionReset, PortState.Open, ProbeReason.SynAck)] // accepted, then reset: the handshake completed
    [InlineData(SocketError.HostUnreachable, PortState.Filtered, ProbeReason.HostUnreach)]
    [InlineData(SocketError.NetworkUnreachable, PortState.Filtered, ProbeReason.NetUnreach)]
    [InlineData(SocketError.TimedOut, PortState.Filtered, ProbeReason.NoResponse)]
    [InlineData(SocketError.AccessDenied, PortState.Error, ProbeReason.LocalError)]
    [InlineData(SocketError.AddressNotAvailable, PortState.Error, ProbeReason.LocalError)]
    [InlineData(SocketError.TooManyOpenSockets, PortState.Error, ProbeReason.LocalError)]
    [InlineData(SocketError.NoBufferSpaceAvailable, PortState.Error, ProbeReason.LocalError)]
    public void Classify_WithoutIcmp_UsesTheOsError(SocketError error, PortState state, ProbeReason reason) =>
        Assert.Equal((state, reason), ConnectErrorClassifier.Classify(error, null));

    [Theory]
    [InlineData(SocketError.HostUnreachable, false, 3, 13, ProbeReason.AdminProhibited)]
    [InlineData(SocketError.HostUnreachable, false, 3, 10, ProbeReason.AdminProhibited)]
    [InlineData(SocketError.HostUnreachable, false, 3, 1, ProbeReason.HostUnreach)]
    [InlineData(SocketError.NetworkUnreachable, false, 3, 0, ProbeReason.NetUnreach)]
    [InlineData(SocketError.ConnectionRefused, false, 3, 3, ProbeReason.PortUnreach)]
    [InlineData(SocketError.AccessDenied, true, 1, 1, ProbeReason.AdminProhibited)]
    [InlineData(SocketError.HostUnreachable, true, 1, 3, ProbeReason.HostUnreach)]
    [InlineData(SocketError.NetworkUnreachable, true, 1, 0, ProbeReason.NetUnreach)]
    [InlineData(SocketError.ConnectionRefused, true, 1, 4, ProbeReason.PortUnreach)]
    public void Classify_IcmpErrorDecides_AndIsFiltered(SocketError error, bool v6, byte type, byte code, ProbeReason reason) =>
        Assert.Equal((PortState.Filtered, reason), ConnectErrorClassifier.Classify(error, new IcmpError(v6, type, code, Router)));

    [Fact]
    public void Classify_IcmpThatIsNotUnreachable_FallsBackToTheOsError()
    {
        // Type 11 (time exceeded) names no nmap reason.
        Assert.Equal((PortState.Closed, ProbeReason.ConnRefused),
            ConnectErrorClassifier.Classify(SocketError.ConnectionRefused, new IcmpError(false, 11, 0, Router)));
    }
}
