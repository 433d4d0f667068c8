using System.ComponentModel;
using System.Net;
using System.Net.NetworkInformation;

namespace Reach.Ping;

/// <summary>
/// ICMP echo as Test-NetConnection sends it, through <see cref="System.Net.NetworkInformation.Ping"/>: a raw socket
/// when privileged, the system ping helper otherwise. Where neither is allowed, the outcome says so.
/// </summary>
public static class IcmpEcho
{
    private static readonly byte[] Payload = new byte[32];

    public static async Task<PingOutcome> SendAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            using var ping = new System.Net.NetworkInformation.Ping();
            var milliseconds = (int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue);
            var reply = await ping.SendPingAsync(address, TimeSpan.FromMilliseconds(milliseconds), Payload, new PingOptions(), cancellationToken)
                .ConfigureAwait(false);
            return reply.Status == IPStatus.Success
                ? new PingOutcome(PingStatus.Reply, address, TimeSpan.FromMilliseconds(reply.RoundtripTime))
                : new PingOutcome(PingStatus.NoReply, address, null, Describe(reply.Status));
        }
        catch (PingException ex)
        {
            return new PingOutcome(PingStatus.Unavailable, address, null, "ICMP echo is not available to this process: " + (ex.InnerException?.Message ?? ex.Message));
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or UnauthorizedAccessException or Win32Exception or InvalidOperationException)
        {
            return new PingOutcome(PingStatus.Unavailable, address, null, "ICMP echo is not available to this process: " + ex.Message);
        }
    }

    private static string Describe(IPStatus status) => status switch
    {
        IPStatus.TimedOut => "no echo reply before the timeout",
        IPStatus.DestinationHostUnreachable => "destination host unreachable",
        IPStatus.DestinationNetworkUnreachable => "destination network unreachable",
        IPStatus.DestinationProhibited => "administratively prohibited",
        IPStatus.TtlExpired or IPStatus.TimeExceeded => "time to live exceeded in transit",
        _ => status.ToString(),
    };
}
