using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Reach.Tracing;

namespace Reach.Platform;

/// <summary>
/// TCP traceroute without privileges: an ordinary connect with IP_TTL / IPV6_UNICAST_HOPS set and IP_RECVERR /
/// IPV6_RECVERR on. A router where the TTL runs out sends ICMP time exceeded; Linux aborts the connect in SYN_SENT
/// (EHOSTUNREACH) and queues the ICMP message with the router's address. The destination answers SYN-ACK (connect
/// succeeds) or RST (ECONNREFUSED).
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class TcpHopProber : IHopProber
{
    public async Task<HopProbeResult> ProbeAsync(HopProbe probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var remote = new IPEndPoint(probe.Destination, probe.Port);
        using var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

        // An open port is closed with RST at once: a trace leaves no connection behind on the target.
        socket.LingerState = new LingerOption(true, 0);
        socket.Ttl = (short)probe.Ttl;
        LinuxSocketErrorQueue.Enable((int)socket.SafeHandle.DangerousGetHandle(), remote.AddressFamily == AddressFamily.InterNetworkV6);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(probe.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await socket.ConnectAsync(remote, timeout.Token).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started);
            return new HopProbeResult(probe.Ttl, HopAnswer.SynAck, probe.Destination, elapsed);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HopProbeResult.NoAnswer(probe.Ttl);
        }
        catch (SocketException ex)
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            var icmp = LinuxSocketErrorQueue.TryRead((int)socket.SafeHandle.DangerousGetHandle());
            return HopAnswerClassifier.FromConnectFailure(probe.Ttl, probe.Destination, ex.SocketErrorCode, icmp, elapsed, ex.Message);
        }
    }
}
