using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Reach.Tracing;

namespace Reach.Platform;

/// <summary>
/// ICMP traceroute without root: an unprivileged ICMP datagram socket (SOCK_DGRAM + IPPROTO_ICMP / ICMPV6, allowed
/// for the groups in net.ipv4.ping_group_range) with IP_RECVERR. The echo reply arrives as a datagram; a time
/// exceeded or unreachable fails the receive and waits in the error queue with the router's address. Each probe has
/// its own socket, so every answer on it is about that probe.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class IcmpDatagramHopProber : IHopProber
{
    public async Task<HopProbeResult> ProbeAsync(HopProbe probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var ipv6 = probe.Destination.AddressFamily == AddressFamily.InterNetworkV6;
        using var socket = Create(probe.Destination.AddressFamily);
        socket.Ttl = (short)probe.Ttl;
        var fd = (int)socket.SafeHandle.DangerousGetHandle();
        LinuxSocketErrorQueue.Enable(fd, ipv6);

        // The kernel replaces the identifier with the socket's own and computes the checksum.
        var request = IcmpEchoPacket.Build(ipv6, identifier: 0, probe.Sequence);
        var buffer = new byte[1500];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(probe.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await socket.SendToAsync(request, SocketFlags.None, new IPEndPoint(probe.Destination, 0), timeout.Token).ConfigureAwait(false);
            while (true)
            {
                var received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0), timeout.Token).ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started);
                var reply = buffer.AsSpan(0, received.ReceivedBytes);
                var isReply = reply.Length >= IcmpEchoPacket.HeaderSize
                    && reply[0] == (ipv6 ? IcmpEchoPacket.EchoReplyV6 : IcmpEchoPacket.EchoReplyV4)
                    && System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(reply[6..]) == probe.Sequence;
                if (isReply)
                {
                    return new HopProbeResult(probe.Ttl, HopAnswer.EchoReply, ((IPEndPoint)received.RemoteEndPoint).Address, elapsed);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HopProbeResult.NoAnswer(probe.Ttl);
        }
        catch (SocketException ex)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var icmp = LinuxSocketErrorQueue.TryRead(fd);
            return icmp is null
                ? HopProbeResult.Local(probe.Ttl, ex.Message)
                : HopAnswerClassifier.FromIcmpError(probe.Ttl, icmp, elapsed);
        }
    }

    /// <summary>Throws SocketException (EACCES) when net.ipv4.ping_group_range does not include the process's group.</summary>
    public static Socket Create(AddressFamily family) =>
        new(family, SocketType.Dgram, family == AddressFamily.InterNetworkV6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);
}
