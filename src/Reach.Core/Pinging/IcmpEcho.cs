using System.ComponentModel;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Reach.Pinging;

/// <summary>
/// ICMP echo as Test-NetConnection sends it, through <see cref="System.Net.NetworkInformation.Ping"/>: a raw socket
/// when privileged, the system ping helper otherwise. Where neither is allowed, the outcome says so. The runtime's
/// default payload is used: the ping helper refuses a payload of our own ("custom payload" is not supported there).
/// </summary>
public static class IcmpEcho
{
    public static async Task<PingOutcome> SendAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            using var ping = new System.Net.NetworkInformation.Ping();
            var reply = await ping.SendPingAsync(address, Clamp(timeout), buffer: null, options: null, cancellationToken).ConfigureAwait(false);
            return ToOutcome(address, reply);
        }
        catch (Exception ex) when (IsPingFailure(ex))
        {
            return FromException(address, ex);
        }
    }

    /// <summary>The same echo, waiting on the calling thread.</summary>
    public static PingOutcome Send(IPAddress address, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            using var ping = new System.Net.NetworkInformation.Ping();
            return ToOutcome(address, ping.Send(address, Clamp(timeout), buffer: null, options: null));
        }
        catch (Exception ex) when (IsPingFailure(ex))
        {
            return FromException(address, ex);
        }
    }

    private static TimeSpan Clamp(TimeSpan timeout) => TimeSpan.FromMilliseconds((int)Math.Clamp(timeout.TotalMilliseconds, 1, int.MaxValue));

    private static PingOutcome ToOutcome(IPAddress address, PingReply reply) => reply.Status == IPStatus.Success
        ? new PingOutcome(PingStatus.Reply, address, TimeSpan.FromMilliseconds(reply.RoundtripTime))
        : new PingOutcome(PingStatus.NoReply, address, null, Describe(reply.Status));

    private static bool IsPingFailure(Exception ex) =>
        ex is PingException or PlatformNotSupportedException or UnauthorizedAccessException or Win32Exception or InvalidOperationException;

    /// <summary>
    /// A network error while sending is an answer about the path (no route); anything else means this process
    /// may not send ICMP here (no raw socket, no ping helper), which says nothing about the target.
    /// </summary>
    private static PingOutcome FromException(IPAddress address, Exception ex)
    {
        if (ex.InnerException is SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.HostUnreachable } network)
        {
            return new PingOutcome(PingStatus.NoReply, address, null, network.SocketErrorCode == SocketError.NetworkUnreachable
                ? "no route to the network"
                : "destination host unreachable");
        }

        return new PingOutcome(
            PingStatus.Unavailable,
            address,
            null,
            "ICMP echo is not available to this process: " + (ex.InnerException?.Message ?? ex.Message));
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
