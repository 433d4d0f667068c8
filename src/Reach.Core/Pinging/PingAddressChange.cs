using System.Net;

namespace Reach.Pinging;

/// <summary>With <c>--resolve-each</c>: from probe <paramref name="Sequence"/> on, the name resolved to another address.</summary>
public sealed record PingAddressChange(int Sequence, DateTimeOffset At, IPAddress From, IPAddress To);
