using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Reach.Probes;
using Reach.Tracing;

namespace Reach.Platform;

/// <summary>
/// ICMP traceroute as root: a raw ICMP / ICMPv6 socket per probe sends an echo request with the TTL / hop limit set
/// and reads every ICMP message the host receives, keeping the one about this probe (echo identifier and sequence,
/// also quoted inside time-exceeded and unreachable messages).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class RawIcmpHopProber : IHopProber
{
    // One identifier per process, as ping and traceroute use: tells our echoes from another program's.
    private static readonly ushort Identifier = (ushort)(Environment.ProcessId ^ Random.Shared.Next(ushort.MaxValue));

    public async Task<HopProbeResult> ProbeAsync(HopProbe probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var ipv6 = probe.Destination.AddressFamily == AddressFamily.InterNetworkV6;
        using var socket = Create(probe.Destination.AddressFamily);
        socket.Ttl = (short)probe.Ttl;
        var request = IcmpEchoPacket.Build(ipv6, Identifier, probe.Sequence);
        var buffer = new byte[1500];
        var any = new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(probe.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await socket.SendToAsync(request, SocketFlags.None, new IPEndPoint(probe.Destination, 0), timeout.Token).ConfigureAwait(false);
            while (true)
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, any, timeout.Token).ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started);
                if (!IcmpPacketDecoder.TryDecode(buffer.AsSpan(0, received.ReceivedBytes), ipv6, out var message)
                    || message.Identifier != Identifier || message.Sequence != probe.Sequence)
                {
                    continue;
                }

                var from = ((IPEndPoint)received.RemoteEndPoint).Address;
                return message.IsEchoReply
                    ? new HopProbeResult(probe.Ttl, HopAnswer.EchoReply, from, elapsed)
                    : HopAnswerClassifier.FromIcmpError(probe.Ttl, new IcmpError(ipv6, message.Type, message.Code, from), elapsed);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HopProbeResult.NoAnswer(probe.Ttl);
        }
        catch (SocketException ex)
        {
            // Sending failed here (no route): no packet left this host.
            return HopProbeResult.Local(probe.Ttl, ex.Message);
        }
    }

    /// <summary>Throws SocketException (EPERM / EACCES) without CAP_NET_RAW.</summary>
    public static Socket Create(AddressFamily family) =>
        new(family, SocketType.Raw, family == AddressFamily.InterNetworkV6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);
}
