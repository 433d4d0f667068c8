using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Reach.Platform;

namespace Reach.Tracing;

/// <summary>
/// ICMP traceroute without root: an unprivileged ICMP datagram socket (SOCK_DGRAM + IPPROTO_ICMP / ICMPV6, allowed
/// for the groups in net.ipv4.ping_group_range) with IP_RECVERR. The echo reply arrives as a datagram; a time
/// exceeded or unreachable sets the socket error and waits in the error queue with the router's address. Each probe
/// has its own socket, so every answer on it is about that probe.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class IcmpDatagramHopProber : BlockingHopProber
{
    /// <summary>Throws SocketException (EACCES) when net.ipv4.ping_group_range does not include the process's group.</summary>
    public static Socket Create(AddressFamily family) =>
        new(family, SocketType.Dgram, family == AddressFamily.InterNetworkV6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);

    protected override HopProbeResult Probe(HopProbe probe, CancellationToken cancellationToken)
    {
        var ipv6 = probe.Destination.AddressFamily == AddressFamily.InterNetworkV6;
        using var socket = Create(probe.Destination.AddressFamily);
        socket.Ttl = (short)probe.Ttl;
        var fd = (int)socket.SafeHandle.DangerousGetHandle();
        LinuxSocketErrorQueue.Enable(fd, ipv6);

        // The kernel puts the socket's own identifier in and computes the checksum.
        var request = IcmpEchoPacket.Build(ipv6, identifier: 0, probe.Sequence);
        var buffer = new byte[1500];
        EndPoint from = new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var started = Stopwatch.GetTimestamp();
        try
        {
            socket.SendTo(request, new IPEndPoint(probe.Destination, 0));
            while (true)
            {
                var (readable, error, elapsed) = HopWait.Until(socket, SelectMode.SelectRead, started, probe.Timeout, cancellationToken);
                if (error != SocketError.Success)
                {
                    return FromError(probe, fd, error, elapsed);
                }

                if (!readable)
                {
                    return HopProbeResult.NoAnswer(probe.Ttl);
                }

                var length = socket.ReceiveFrom(buffer, ref from);
                var isOurReply = length >= IcmpEchoPacket.HeaderSize
                    && buffer[0] == (ipv6 ? IcmpEchoPacket.EchoReplyV6 : IcmpEchoPacket.EchoReplyV4)
                    && BinaryPrimitives.ReadUInt16BigEndian(buffer.AsSpan(6)) == probe.Sequence;
                if (isOurReply)
                {
                    return new HopProbeResult(probe.Ttl, HopAnswer.EchoReply, ((IPEndPoint)from).Address, elapsed);
                }
            }
        }
        catch (SocketException ex)
        {
            return FromError(probe, fd, ex.SocketErrorCode, Stopwatch.GetElapsedTime(started));
        }
    }

    private static HopProbeResult FromError(HopProbe probe, int fd, SocketError error, TimeSpan elapsed) =>
        LinuxSocketErrorQueue.TryRead(fd) is { } icmp
            ? HopAnswerClassifier.FromIcmpError(probe.Ttl, icmp, elapsed)
            : HopProbeResult.Local(probe.Ttl, new SocketException((int)error).Message);
}
