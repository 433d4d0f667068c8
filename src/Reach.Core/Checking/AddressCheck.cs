using Reach.Identification;
using Reach.Pinging;
using Reach.Probes;
using Reach.Routing;
using Reach.Tls;

namespace Reach.Checking;

/// <summary>What was learnt about one probed address of a target.</summary>
/// <param name="Probe">The TCP connect probe; null when no port was given (ICMP echo only).</param>
/// <param name="Ping">The ICMP echo to that address.</param>
/// <param name="Route">How this host routes there (with <c>--detailed</c>).</param>
/// <param name="Explanation">One line for humans: what the answer means and what to try next.</param>
/// <param name="Banner">What the open port's server sent first (with <see cref="CheckOptions.Banner"/>); null when not read.</param>
/// <param name="Tls">The open port's TLS handshake and certificate (with <see cref="CheckOptions.Tls"/>); null when not tried.</param>
/// <param name="TlsExpiresSoon">The leaf expires within <see cref="TlsCheck.WarnDays"/>: a warning, not a failure.</param>
/// <param name="Http">The open port's HTTP answer (with <see cref="CheckOptions.Http"/> or a URL target); null when not asked.</param>
public sealed record AddressCheck(
    TcpProbeResult? Probe,
    PingOutcome Ping,
    RouteInfo? Route,
    string Explanation,
    ServiceBanner? Banner = null,
    TlsReport? Tls = null,
    bool TlsExpiresSoon = false,
    Http.HttpReport? Http = null)
{
    public bool IsOpen => Probe?.State == PortState.Open;
}
