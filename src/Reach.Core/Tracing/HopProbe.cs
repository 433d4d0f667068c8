using System.Net;

namespace Reach.Tracing;

/// <summary>One probe to send: to <paramref name="Destination"/> with TTL / hop limit <paramref name="Ttl"/>.</summary>
/// <param name="Destination">The address traced to.</param>
/// <param name="Ttl">The IPv4 TTL or IPv6 hop limit, 1 to 255.</param>
/// <param name="Port">The TCP port (TCP mode); ignored for ICMP.</param>
/// <param name="Sequence">A number unique within the trace, to match ICMP answers to their probe.</param>
/// <param name="Timeout">How long to wait for an answer.</param>
public sealed record HopProbe(IPAddress Destination, int Ttl, int Port, ushort Sequence, TimeSpan Timeout);
