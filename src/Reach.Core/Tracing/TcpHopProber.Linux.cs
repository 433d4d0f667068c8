using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Reach.Platform;

namespace Reach.Tracing;

/// <summary>
/// TCP traceroute without privileges: an ordinary non-blocking connect with IP_TTL / IPV6_UNICAST_HOPS set and
/// IP_RECVERR / IPV6_RECVERR on. A router where the TTL runs out sends ICMP time exceeded; Linux aborts the connect
/// in SYN_SENT (EHOSTUNREACH) and queues the ICMP message with the router's address. The destination answers SYN-ACK
/// (the connect succeeds) or RST (ECONNREFUSED).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class TcpHopProber : BlockingHopProber
{
    protected override HopProbeResult Probe(HopProbe probe, CancellationToken cancellationToken)
    {
        var remote = new IPEndPoint(probe.Destination, probe.Port);
        using var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

        // An open port is closed with RST at once: a trace leaves no connection behind on the target.
        socket.LingerState = new LingerOption(true, 0);
        socket.Ttl = (short)probe.Ttl;
        socket.Blocking = false;
        var fd = (int)socket.SafeHandle.DangerousGetHandle();
        LinuxSocketErrorQueue.Enable(fd, remote.AddressFamily == AddressFamily.InterNetworkV6);

        // Warm the calls the wait makes, so that (under JIT) compiling them is not timed as network delay.
        _ = socket.Poll(0, SelectMode.SelectError);
        _ = socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error);
        var started = Stopwatch.GetTimestamp();
        try
        {
            socket.Connect(remote);
            return new HopProbeResult(probe.Ttl, HopAnswer.SynAck, probe.Destination, Stopwatch.GetElapsedTime(started));
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // The SYN is on its way.
        }
        catch (SocketException ex)
        {
            return Failed(probe, fd, ex.SocketErrorCode, Stopwatch.GetElapsedTime(started));
        }

        var (connected, error, elapsed) = HopWait.Until(socket, SelectMode.SelectWrite, started, probe.Timeout, cancellationToken);
        if (error != SocketError.Success)
        {
            return Failed(probe, fd, error, elapsed);
        }

        if (!connected)
        {
            return HopProbeResult.NoAnswer(probe.Ttl);
        }

        // TCP self-connect (a local port equal to the destination's): nothing listens there.
        return remote.Equals(socket.LocalEndPoint)
            ? new HopProbeResult(probe.Ttl, HopAnswer.Reset, probe.Destination, elapsed, Probes.ProbeReason.SelfConnect)
            : new HopProbeResult(probe.Ttl, HopAnswer.SynAck, probe.Destination, elapsed);
    }

    private static HopProbeResult Failed(HopProbe probe, int fd, SocketError error, TimeSpan elapsed) =>
        HopAnswerClassifier.FromConnectFailure(probe.Ttl, probe.Destination, error, LinuxSocketErrorQueue.TryRead(fd), elapsed, new SocketException((int)error).Message);
}
