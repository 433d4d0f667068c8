using System.Net;
using System.Net.Sockets;
using Reach.Monitoring.Probing;
using Reach.Monitoring.Tests.TestSupport;
using Reach.Pinging;
using Reach.Probes;
using Reach.Resolution;

namespace Reach.Monitoring.Tests.Probing;

/// <summary>The real probes of reach watch, against loopback only.</summary>
public sealed class NetworkProberTests
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task IcmpCheck_WithReachsOwnEchoSocket_MeasuresMicroseconds_NotWholeMilliseconds(string address)
    {
        // Given a process that may open an echo socket (root here, or ping_group_range), as reach ping --icmp uses,
        var family = IPAddress.Parse(address).AddressFamily;
        Assert.SkipUnless(new IcmpPingProbe().IsPrecise(family), "this process may not open an ICMP echo socket");
        Assert.SkipWhen(family == AddressFamily.InterNetworkV6 && !Socket.OSSupportsIPv6, "no IPv6");
        var prober = new NetworkProber(new SystemHostResolver(), TimeProvider.System);
        var target = Checks.Target(Checks.Icmp("ping", TimeSpan.FromSeconds(10)), address, 0);

        // when it pings loopback a few times,
        var outcomes = new List<ProbeOutcome>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add(await prober.ProbeAsync(target, DateTimeOffset.UtcNow, ct));
        }

        // then every echo is answered with a round trip under a millisecond but above zero: the OS API's whole
        // milliseconds would say 0 for every one of them (issue 13).
        Assert.All(outcomes, o => Assert.Equal((ProbeState.Up, ProbeReason.EchoReply), (o.State, o.Reason)));
        Assert.All(outcomes, o => Assert.InRange(o.Latency!.Value, TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(50)));
        Assert.Contains(outcomes, o => o.Latency!.Value.Ticks % TimeSpan.TicksPerMillisecond != 0);
    }
}
