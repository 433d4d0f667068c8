using System.Net;
using Reach.Core.Tests.TestSupport;
using Reach.Pinging;

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
        Assert.Equal(("open", "syn-ack"), (outcome.State, outcome.Reason));
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
        Assert.Equal(("closed", "conn-refused"), (outcome.State, outcome.Reason));
        Assert.NotNull(outcome.RoundTrip);
    }

    [Fact]
    public void WarmUp_AloneSendsNothing_AndCanBeRepeated()
    {
        var probe = new TcpPingProbe(9);

        probe.WarmUp();
        probe.WarmUp();
    }
}
