using System.Net;

namespace Reach.Tracing;

/// <summary>Hears a trace as it goes, so a terminal shows each hop when it is known instead of at the end.</summary>
public interface ITraceObserver
{
    /// <summary>The target resolved and probing starts.</summary>
    void Started(IPAddress address, TraceMode mode);

    /// <summary>A hop is complete (hops arrive in order).</summary>
    void HopCompleted(TraceHop hop);
}
