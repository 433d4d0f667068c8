using System.Net;

namespace Reach.Ping;

/// <summary>The answer to one ICMP echo request (round trips have the OS API's millisecond resolution).</summary>
public sealed record PingOutcome(PingStatus Status, IPAddress? Address, TimeSpan? RoundTrip, string? Message = null)
{
    public static PingOutcome Skipped { get; } = new(PingStatus.Skipped, null, null);
}
