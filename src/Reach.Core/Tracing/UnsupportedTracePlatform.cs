using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;

namespace Reach.Tracing;

/// <summary>Where Reach cannot send TTL-limited probes yet (macOS, the BSDs): says so instead of guessing.</summary>
internal sealed class UnsupportedTracePlatform(string osName) : ITracePlatform
{
    public bool TryCreate(TraceMode mode, AddressFamily family, [NotNullWhen(true)] out IHopProber? prober, [NotNullWhen(false)] out string? unavailable)
    {
        prober = null;
        unavailable = $"reach trace is not supported on {osName} yet (Linux and Windows only for now): use traceroute";
        return false;
    }
}
