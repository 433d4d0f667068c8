using System.Diagnostics.CodeAnalysis;
using System.Net.Sockets;
using System.Runtime.Versioning;

namespace Reach.Tracing;

/// <summary>
/// Linux: TCP traces need no privileges (a TTL-limited connect). ICMP traces use a raw socket when the process may
/// open one (root, CAP_NET_RAW), else an unprivileged ICMP datagram socket when net.ipv4.ping_group_range allows it.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxTracePlatform : ITracePlatform
{
    public bool TryCreate(TraceMode mode, AddressFamily family, [NotNullWhen(true)] out IHopProber? prober, [NotNullWhen(false)] out string? unavailable)
    {
        unavailable = null;
        if (mode == TraceMode.Tcp)
        {
            prober = new TcpHopProber();
            return true;
        }

        if (CanOpen(() => RawIcmpHopProber.Create(family)))
        {
            prober = new RawIcmpHopProber();
            return true;
        }

        if (CanOpen(() => IcmpDatagramHopProber.Create(family)))
        {
            prober = new IcmpDatagramHopProber();
            return true;
        }

        prober = null;
        unavailable = "ICMP traceroute needs root (a raw socket) or unprivileged ICMP sockets, and net.ipv4.ping_group_range "
            + "does not include this user's group: run as root, or trace a TCP port instead (reach trace HOST 443), which needs no privileges";
        return false;
    }

    private static bool CanOpen(Func<Socket> create)
    {
        try
        {
            create().Dispose();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
