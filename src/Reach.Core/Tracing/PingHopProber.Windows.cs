using System.ComponentModel;
using System.Diagnostics;
using System.Net.NetworkInformation;
using System.Runtime.Versioning;

namespace Reach.Tracing;

/// <summary>
/// ICMP traceroute through the platform ping API, as tracert does it: an echo with <see cref="PingOptions.Ttl"/> set
/// comes back TtlExpired (IPv4) or TimeExceeded (IPv6) with the router's address, Success from the destination.
/// On Windows this is IcmpSendEcho2 / Icmp6SendEcho2 and needs no administrator.
/// </summary>
/// <remarks>
/// The API reports a round trip only for Success, in whole milliseconds, so every probe is timed around the call
/// (which adds the API's own overhead, well under a millisecond on an idle host). One Ping per probe: a Ping object
/// runs one request at a time.
/// </remarks>
[SupportedOSPlatform("windows")]
internal sealed class PingHopProber : IHopProber
{
    public async Task<HopProbeResult> ProbeAsync(HopProbe probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        using var ping = new System.Net.NetworkInformation.Ping();
        var options = new PingOptions(probe.Ttl, dontFragment: true);
        var timeout = TimeSpan.FromMilliseconds(Math.Clamp(probe.Timeout.TotalMilliseconds, 1, int.MaxValue));
        var started = Stopwatch.GetTimestamp();
        try
        {
            var reply = await ping.SendPingAsync(probe.Destination, timeout, buffer: null, options, cancellationToken).ConfigureAwait(false);
            return PingReplyClassifier.Classify(probe.Ttl, probe.Destination, reply.Status, reply.Address, Stopwatch.GetElapsedTime(started));
        }
        catch (PingException ex)
        {
            // Sending failed here (no route, no ICMP handle): no packet left this host.
            return HopProbeResult.Local(probe.Ttl, ex.InnerException?.Message ?? ex.Message);
        }
        catch (Win32Exception ex)
        {
            return HopProbeResult.Local(probe.Ttl, ex.Message);
        }
    }
}
