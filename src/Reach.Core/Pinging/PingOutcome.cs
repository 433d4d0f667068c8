using System.Net;

namespace Reach.Pinging;

/// <summary>The answer to one ICMP echo request (round trips in microseconds from reach's own echo socket, else the OS API's whole milliseconds).</summary>
public sealed record PingOutcome(PingStatus Status, IPAddress? Address, TimeSpan? RoundTrip, string? Message = null)
{
    public static PingOutcome Skipped { get; } = new(PingStatus.Skipped, null, null);
}
