using System.Net;
using System.Net.Sockets;
using Reach.Core.Tests.TestSupport;
using Reach.Pinging;
using Reach.Probes;

namespace Reach.Core.Tests.Pinging;

/// <summary>The real TCP ping probe, against loopback ports this test opened.</summary>
public class TcpPingProbeTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task OpenPort_Succeeds_WithAPositiveSubMillisecondishRoundTrip(string loopback)
    {
        using var listener = new LoopbackListener(IPAddress.Parse(loopback));
        var probe = new TcpPingProbe(listener.Port);
        probe.WarmUp();

        var outcome = await probe.ProbeAsync(IPAddress.Parse(loopback), TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.True(outcome.Succeeded, outcome.ToString());
        Assert.Equal((PingState.Open, ProbeReason.SynAck), (outcome.State, outcome.Reason));
        Assert.InRange(outcome.RoundTrip!.Value, TimeSpan.FromTicks(1), TimeSpan.FromMilliseconds(100));
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task ClosedPort_Fails_ClosedByConnRefused_WithTheRoundTripOfTheReset(string loopback)
    {
        var closed = LoopbackListener.ClosedPort(IPAddress.Parse(loopback));

        var outcome = await new TcpPingProbe(closed.Port).ProbeAsync(closed.Address, TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.False(outcome.Succeeded);
        Assert.Equal((PingState.Closed, ProbeReason.ConnRefused), (outcome.State, outcome.Reason));
        Assert.NotNull(outcome.RoundTrip);
    }

    /// <summary>
    /// WarmUp prepares the timed span without a packet (connect(2) on descriptor -1): nothing reaches a listener on
    /// the probe's own port, however often it runs (issue 14, item 8: this test used to assert nothing).
    /// </summary>
    [Fact]
    public void WarmUp_SendsNothing_ToTheProbesPort_AndCanBeRepeated()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var probe = new TcpPingProbe(((IPEndPoint)listener.LocalEndpoint).Port);

        probe.WarmUp();
        probe.WarmUp();

        Assert.False(listener.Server.Poll(TimeSpan.FromMilliseconds(200), SelectMode.SelectRead), "a connection reached the probe's port");
    }

    [Fact]
    public async Task WarmUpAndProbe_GoThroughTheTimedConnect_WhereTheOsHasOne()
    {
        var timed = new RecordingTimedConnect(r => new TcpProbeResult(r, PortState.Closed, ProbeReason.ConnRefused, TimeSpan.FromMilliseconds(1), null));
        var probe = new TcpPingProbe(9, timed);

        probe.WarmUp();
        var outcome = await probe.ProbeAsync(IPAddress.Loopback, TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.Equal(1, timed.WarmUps);
        Assert.Equal((new IPEndPoint(IPAddress.Loopback, 9), TimeSpan.FromSeconds(2)), Assert.Single(timed.Probes));
        Assert.Equal((PingState.Closed, ProbeReason.ConnRefused), (outcome.State, outcome.Reason));
    }

    /// <summary>Windows and macOS have no raw connect: the probe goes through a Socket, which Linux can run too.</summary>
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task WithoutATimedConnect_ProbesThroughASocket(string loopback)
    {
        using var listener = new LoopbackListener(IPAddress.Parse(loopback));
        var closed = LoopbackListener.ClosedPort(IPAddress.Parse(loopback));
        var probe = new TcpPingProbe(listener.Port, timedConnect: null);
        probe.WarmUp();

        var open = await probe.ProbeAsync(IPAddress.Parse(loopback), TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        var refused = await new TcpPingProbe(closed.Port, timedConnect: null).ProbeAsync(closed.Address, TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.Equal((PingState.Open, ProbeReason.SynAck), (open.State, open.Reason));
        Assert.NotNull(open.RoundTrip);
        Assert.Equal((PingState.Closed, ProbeReason.ConnRefused), (refused.State, refused.Reason));
    }
}
