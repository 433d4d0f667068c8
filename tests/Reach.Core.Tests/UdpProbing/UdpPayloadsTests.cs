using Reach.UdpProbing;

namespace Reach.Core.Tests.UdpProbing;

/// <summary>One probe per protocol (syslog and WireGuard have none), no port claimed twice, each port's default.</summary>
public class UdpPayloadsTests
{
    [Fact]
    public void EveryProtocolButSyslogAndWireGuard_HasExactlyOneProbe()
    {
        var expected = Enum.GetValues<UdpProtocol>().Where(p => p is not (UdpProtocol.Syslog or UdpProtocol.WireGuard)).Order();

        Assert.Equal(expected, UdpPayloads.All.Select(p => p.Protocol).Order());
        Assert.Null(UdpPayloads.For(UdpProtocol.Syslog));
        Assert.Null(UdpPayloads.For(UdpProtocol.WireGuard));
    }

    [Fact]
    public void NoPortIsClaimedTwice()
    {
        var ports = UdpPayloads.All.SelectMany(p => p.Ports).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
    }

    [Theory]
    [InlineData(53, UdpProtocol.Dns)]
    [InlineData(123, UdpProtocol.Ntp)]
    [InlineData(161, UdpProtocol.Snmp)]
    [InlineData(389, UdpProtocol.Cldap)]
    [InlineData(88, UdpProtocol.Kerberos)]
    [InlineData(464, UdpProtocol.Kerberos)]
    [InlineData(137, UdpProtocol.NetbiosNs)]
    [InlineData(443, UdpProtocol.Quic)]
    [InlineData(5353, UdpProtocol.Mdns)]
    public void DefaultProbe_ByPort(int port, UdpProtocol protocol) =>
        Assert.Equal(protocol, UdpPayloads.ForPort(port)?.Protocol);

    [Fact]
    public void UnknownPort_HasNoDefaultProbe() => Assert.Null(UdpPayloads.ForPort(40000));

    [Fact]
    public void EveryProbe_IsANewArrayEachTime_AndNotEmpty()
    {
        var context = new UdpProbeContext(0x1234_5678, "host.reach.test");
        foreach (var payload in UdpPayloads.All)
        {
            var first = payload.Build(context);
            var second = payload.Build(context);

            Assert.NotEmpty(first);
            Assert.NotSame(first, second);
            Assert.Equal(first, second); // the same context builds the same datagram
        }
    }
}
