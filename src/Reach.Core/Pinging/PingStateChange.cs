using Reach.Probes;

namespace Reach.Pinging;

/// <summary>The probe <paramref name="Sequence"/> answered differently from the one before (open → closed, reply → no-reply...).</summary>
public sealed record PingStateChange(int Sequence, DateTimeOffset At, PingState From, PingState To, ProbeReason? Reason);
