using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reach.Platform;

namespace Reach.Probes;

/// <summary>
/// One TCP connect probe: needs no privileges, works on every OS. The round trip is measured around the
/// connect alone, from a <see cref="Stopwatch"/> timestamp taken just before the SYN is sent.
/// </summary>
public sealed class TcpConnectProbe
{
    private readonly ISocketErrorQueue _errorQueue;

    public TcpConnectProbe()
        : this(PlatformServices.ErrorQueue)
    {
    }

    internal TcpConnectProbe(ISocketErrorQueue errorQueue) => _errorQueue = errorQueue;

    public async Task<TcpProbeResult> ProbeAsync(IPEndPoint remote, TcpProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        options ??= TcpProbeOptions.Default;

        Socket socket;
        try
        {
            socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException ex)
        {
            return new TcpProbeResult(remote, PortState.Error, ProbeReason.LocalError, null, null, Detail: ex.Message);
        }

        using (socket)
        {
            socket.NoDelay = true;
            if (options.ResetOnClose)
            {
                socket.LingerState = new LingerOption(true, 0);
            }

            _errorQueue.Enable(socket);
            if (options.LocalEndPoint is { } local)
            {
                try
                {
                    socket.Bind(local);
                }
                catch (SocketException ex)
                {
                    return new TcpProbeResult(remote, PortState.Error, ProbeReason.LocalError, null, local, Detail: $"cannot bind to {local}: {ex.Message}");
                }
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);

            var started = Stopwatch.GetTimestamp();
            try
            {
                await socket.ConnectAsync(remote, timeout.Token).ConfigureAwait(false);
                var roundTrip = Stopwatch.GetElapsedTime(started);
                var source = socket.LocalEndPoint as IPEndPoint;
                if (remote.Equals(source))
                {
                    // TCP self-connect: the kernel picked the destination port as our own ephemeral port and the
                    // SYN met itself. Nothing listens there. Close with RST so no TIME_WAIT keeps that port from a
                    // service that wants to bind it.
                    socket.LingerState = new LingerOption(true, 0);
                    return new TcpProbeResult(remote, PortState.Closed, ProbeReason.SelfConnect, roundTrip, source);
                }

                return new TcpProbeResult(remote, PortState.Open, ProbeReason.SynAck, roundTrip, source);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return new TcpProbeResult(remote, PortState.Filtered, ProbeReason.NoResponse, null, LocalEndPointOf(socket, remote.Address));
            }
            catch (SocketException ex)
            {
                var roundTrip = Stopwatch.GetElapsedTime(started);
                var icmp = _errorQueue.TryRead(socket);
                var (state, reason) = ConnectErrorClassifier.Classify(ex.SocketErrorCode, icmp);

                // A round trip exists only when something answered: an RST or an ICMP error. A local "no route"
                // fails in microseconds without a packet on the wire.
                var answered = state == PortState.Closed || icmp is not null;
                return new TcpProbeResult(
                    remote,
                    state,
                    reason,
                    answered ? roundTrip : null,
                    LocalEndPointOf(socket, remote.Address),
                    icmp?.Reporter,
                    ex.Message);
            }
        }
    }

    /// <summary>
    /// The local endpoint of a failed probe. Linux forgets it once the connect fails, so fall back to the source
    /// address the routing table picks (port 0: the ephemeral port is no longer known).
    /// </summary>
    private static IPEndPoint? LocalEndPointOf(Socket socket, IPAddress remote)
    {
        try
        {
            if (socket.LocalEndPoint is IPEndPoint { Port: > 0 } local)
            {
                return local;
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }

        return Routing.RouteResolver.SourceAddressFor(remote) is { } source ? new IPEndPoint(source, 0) : null;
    }
}
