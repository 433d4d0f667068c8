using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Reach.Probes;

namespace Reach.Tracing;

/// <summary>
/// ICMP traceroute as root: a raw ICMP / ICMPv6 socket per probe sends an echo request with the TTL / hop limit set
/// and reads every ICMP message the host receives, keeping the one about this probe (echo identifier and sequence,
/// also quoted inside time-exceeded and unreachable messages).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class RawIcmpHopProber : BlockingHopProber
{
    // One identifier per process, as ping and traceroute use: tells our echoes from another program's.
    private static readonly ushort Identifier = (ushort)(Environment.ProcessId ^ Random.Shared.Next(ushort.MaxValue));

    /// <summary>Throws SocketException (EPERM / EACCES) without CAP_NET_RAW.</summary>
    public static Socket Create(AddressFamily family) =>
        new(family, SocketType.Raw, family == AddressFamily.InterNetworkV6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);

    protected override HopProbeResult Probe(HopProbe probe, CancellationToken cancellationToken)
    {
        var ipv6 = probe.Destination.AddressFamily == AddressFamily.InterNetworkV6;
        using var socket = Create(probe.Destination.AddressFamily);
        socket.Ttl = (short)probe.Ttl;
        var request = IcmpEchoPacket.Build(ipv6, Identifier, probe.Sequence);
        var buffer = new byte[1500];
        EndPoint from = new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var started = Stopwatch.GetTimestamp();
        try
        {
            socket.SendTo(request, new IPEndPoint(probe.Destination, 0));
            while (true)
            {
                var (readable, _, elapsed) = HopWait.Until(socket, SelectMode.SelectRead, started, probe.Timeout, cancellationToken);
                if (!readable)
                {
                    return HopProbeResult.NoAnswer(probe.Ttl);
                }

                var length = socket.ReceiveFrom(buffer, ref from);
                if (IcmpPacketDecoder.TryDecode(buffer.AsSpan(0, length), ipv6, out var message)
                    && message.Identifier == Identifier && message.Sequence == probe.Sequence)
                {
                    var sender = ((IPEndPoint)from).Address;
                    return message.IsEchoReply
                        ? new HopProbeResult(probe.Ttl, HopAnswer.EchoReply, sender, elapsed)
                        : HopAnswerClassifier.FromIcmpError(probe.Ttl, new IcmpError(ipv6, message.Type, message.Code, sender), elapsed);
                }
            }
        }
        catch (SocketException ex)
        {
            // Sending failed here (no route, a local firewall): no packet left this host.
            return HopProbeResult.Local(probe.Ttl, ex.Message);
        }
    }
}
