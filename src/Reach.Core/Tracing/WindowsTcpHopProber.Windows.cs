using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using Reach.Probes;

namespace Reach.Tracing;

/// <summary>
/// TCP traceroute on Windows, as administrator. A TTL-limited connect sends the SYN, but Windows hands a TCP socket
/// no ICMP time exceeded (there is no IP_RECVERR), so a raw ICMP / ICMPv6 socket bound to the same local address
/// reads every ICMP message the host receives and keeps the one quoting this probe's segment (its source port,
/// destination and port). The destination answers SYN-ACK (the connect succeeds) or RST (WSAECONNREFUSED).
/// Each probe has its own pair of sockets, so several run at once without sharing state.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsTcpHopProber : BlockingHopProber
{
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(50);

    /// <summary>Throws SocketException (WSAEACCES) without administrator.</summary>
    public static Socket CreateIcmpListener(AddressFamily family) =>
        new(family, SocketType.Raw, family == AddressFamily.InterNetworkV6 ? ProtocolType.IcmpV6 : ProtocolType.Icmp);

    protected override HopProbeResult Probe(HopProbe probe, CancellationToken cancellationToken)
    {
        try
        {
            return ProbeWithSockets(probe, cancellationToken);
        }
        catch (SocketException ex)
        {
            // A socket of this host failed (bind, receive): no answer about the path.
            return HopProbeResult.Local(probe.Ttl, ex.Message);
        }
    }

    private static HopProbeResult ProbeWithSockets(HopProbe probe, CancellationToken cancellationToken)
    {
        var remote = new IPEndPoint(probe.Destination, probe.Port);
        var ipv6 = remote.AddressFamily == AddressFamily.InterNetworkV6;
        var local = SourceAddressFor(remote);

        // Windows delivers to a raw socket only once it is bound; bound before the SYN leaves, it misses no answer.
        using var icmp = CreateIcmpListener(remote.AddressFamily);
        icmp.Bind(new IPEndPoint(local, 0));
        using var tcp = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);

        // An open port is closed with RST at once: a trace leaves no connection behind on the target.
        tcp.LingerState = new LingerOption(true, 0);
        tcp.Ttl = (short)probe.Ttl;
        WindowsSynRetransmissions.Disable(tcp);
        tcp.Bind(new IPEndPoint(local, 0));
        var localPort = ((IPEndPoint)tcp.LocalEndPoint!).Port;
        tcp.Blocking = false;

        var buffer = new byte[1500];
        EndPoint from = new IPEndPoint(ipv6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        var started = Stopwatch.GetTimestamp();
        try
        {
            tcp.Connect(remote);
            return new HopProbeResult(probe.Ttl, HopAnswer.SynAck, probe.Destination, Stopwatch.GetElapsedTime(started));
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // The SYN is on its way.
        }
        catch (SocketException ex)
        {
            return Failed(probe, ex.SocketErrorCode, Stopwatch.GetElapsedTime(started));
        }

        var watchConnect = true;
        while (true)
        {
            var remaining = probe.Timeout - Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return HopProbeResult.NoAnswer(probe.Ttl);
            }

            List<Socket> readable = [icmp];
            List<Socket>? writable = watchConnect ? [tcp] : null;
            List<Socket>? failed = watchConnect ? [tcp] : null;
            Socket.Select(readable, writable, failed, (int)(remaining < Slice ? remaining : Slice).TotalMicroseconds);
            var elapsed = Stopwatch.GetElapsedTime(started);

            // The ICMP message first: it can arrive together with the connect's own failure.
            if (readable.Count > 0)
            {
                var length = icmp.ReceiveFrom(buffer, ref from);
                if (IcmpPacketDecoder.TryDecodeTcpQuote(buffer.AsSpan(0, length), ipv6, out var quote)
                    && quote.IsAbout(probe.Destination, probe.Port, localPort))
                {
                    var reporter = ((IPEndPoint)from).Address;
                    return HopAnswerClassifier.FromIcmpError(probe.Ttl, new IcmpError(ipv6, quote.Type, quote.Code, reporter), elapsed);
                }
            }

            if (writable is { Count: > 0 })
            {
                // TCP self-connect (a local port equal to the destination's): nothing listens there.
                return remote.Equals(tcp.LocalEndPoint)
                    ? new HopProbeResult(probe.Ttl, HopAnswer.Reset, probe.Destination, elapsed, ProbeReason.SelfConnect)
                    : new HopProbeResult(probe.Ttl, HopAnswer.SynAck, probe.Destination, elapsed);
            }

            if (failed is { Count: > 0 })
            {
                var error = (SocketError)(int)tcp.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
                if (error != SocketError.TimedOut)
                {
                    return Failed(probe, error, elapsed);
                }

                // With one SYN only, Windows may give up on it before our timeout; a router's answer can still come.
                watchConnect = false;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The address this host sends from to <paramref name="remote"/>: a UDP connect only asks the route, it sends nothing.</summary>
    private static IPAddress SourceAddressFor(IPEndPoint remote)
    {
        using var udp = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        udp.Connect(remote);
        return ((IPEndPoint)udp.LocalEndPoint!).Address;
    }

    private static HopProbeResult Failed(HopProbe probe, SocketError error, TimeSpan elapsed) =>
        HopAnswerClassifier.FromConnectFailure(probe.Ttl, probe.Destination, error, icmp: null, elapsed, new SocketException((int)error).Message);
}
