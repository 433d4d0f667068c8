using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;

namespace Reach.Tracing;

/// <summary>Picks how this OS and this process can send TTL-limited probes, or says in one line why it cannot.</summary>
public interface ITracePlatform
{
    bool TryCreate(TraceMode mode, AddressFamily family, [NotNullWhen(true)] out IHopProber? prober, [NotNullWhen(false)] out string? unavailable);
}
