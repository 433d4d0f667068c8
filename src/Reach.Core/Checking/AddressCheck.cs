using Reach.Identification;
using Reach.Pinging;
using Reach.Probes;
using Reach.Routing;

namespace Reach.Checking;

/// <summary>What was learnt about one probed address of a target.</summary>
/// <param name="Probe">The TCP connect probe; null when no port was given (ICMP echo only).</param>
/// <param name="Ping">The ICMP echo to that address.</param>
/// <param name="Route">How this host routes there (with <c>--detailed</c>).</param>
/// <param name="Explanation">One line for humans: what the answer means and what to try next.</param>
/// <param name="Banner">What the open port's server sent first (with <see cref="CheckOptions.Banner"/>); null when not read.</param>
public sealed record AddressCheck(TcpProbeResult? Probe, PingOutcome Ping, RouteInfo? Route, string Explanation, ServiceBanner? Banner = null)
{
    public bool IsOpen => Probe?.State == PortState.Open;
}
