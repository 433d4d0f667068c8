using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Runtime.Versioning;

namespace Reach.Tracing;

/// <summary>
/// Windows: ICMP traces use the ping API with a TTL (IcmpSendEcho2, as tracert), which needs no administrator.
/// TCP traces need a raw ICMP socket to see the routers' time exceeded, and Windows opens one only for
/// administrators; without it reach says so and points at the ICMP trace.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsTracePlatform : ITracePlatform
{
    public bool TryCreate(TraceMode mode, AddressFamily family, [NotNullWhen(true)] out IHopProber? prober, [NotNullWhen(false)] out string? unavailable)
    {
        prober = null;
        unavailable = null;
        if (mode == TraceMode.Icmp)
        {
            prober = new PingHopProber();
            return true;
        }

        try
        {
            WindowsTcpHopProber.CreateIcmpListener(family).Dispose();
            prober = new WindowsTcpHopProber();
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AccessDenied)
        {
            unavailable = "a TCP trace on Windows needs administrator (only a raw socket sees the routers' ICMP time exceeded): "
                + "run reach from an elevated prompt, or trace with ICMP instead (reach trace HOST, without a port), which needs no privileges";
        }
        catch (SocketException ex)
        {
            unavailable = $"a TCP trace on Windows needs a raw ICMP socket, and Windows refused one: {ex.Message}; "
                + "trace with ICMP instead (reach trace HOST, without a port)";
        }

        return false;
    }
}
