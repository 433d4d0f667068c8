using System.Net;
using Reach.Ping;

namespace Reach.Pinging;

/// <summary>
/// An ICMP echo through <see cref="IcmpEcho"/> (System.Net.NetworkInformation.Ping). Its round trip comes from the
/// OS API in whole milliseconds, so sub-millisecond links read 0 ms: compare medians with that in mind.
/// </summary>
public sealed class IcmpPingProbe : IPingProbe
{
    public void WarmUp()
    {
        // Nothing to ready without sending: the echo's own timing is done by the runtime, not around this call.
    }

    public async ValueTask<PingProbeOutcome> ProbeAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var outcome = await IcmpEcho.SendAsync(address, timeout, cancellationToken).ConfigureAwait(false);
        var state = outcome.Status switch
        {
            PingStatus.Reply => "reply",
            PingStatus.NoReply => "no-reply",
            _ => "unavailable",
        };
        return new PingProbeOutcome(outcome.Status == PingStatus.Reply, outcome.RoundTrip, state, Detail: outcome.Message);
    }
}
