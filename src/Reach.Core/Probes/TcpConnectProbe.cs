using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reach.Pinging;
using Reach.Platform;

namespace Reach.Probes;

/// <summary>
/// One TCP connect probe: needs no privileges, works on every OS. The round trip is measured around the
/// connect alone, from a <see cref="Stopwatch"/> timestamp taken just before the SYN is sent.
/// </summary>
/// <remarks>
/// <see cref="ProbeAsync"/> is for many probes at once. <see cref="Probe"/> waits on the calling thread (a
/// non-blocking connect and poll): a single check then starts no socket engine or thread-pool threads, which
/// is most of a cold start. Both read the same kernel answers and build results the same way.
/// </remarks>
public sealed class TcpConnectProbe
{
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(100);
    private readonly ISocketErrorQueue _errorQueue;
    private readonly ITimedConnect? _timedConnect;

    public TcpConnectProbe()
        : this(PlatformServices.ErrorQueue, PlatformServices.TimedConnect)
    {
    }

    /// <param name="errorQueue">Where ICMP errors of a failed connect are read.</param>
    /// <param name="timedConnect">The OS's raw connect for <see cref="Probe"/>; null: a Socket, as on Windows and macOS.</param>
    internal TcpConnectProbe(ISocketErrorQueue errorQueue, ITimedConnect? timedConnect)
    {
        _errorQueue = errorQueue;
        _timedConnect = timedConnect;
    }

    public async Task<TcpProbeResult> ProbeAsync(IPEndPoint remote, TcpProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        options ??= TcpProbeOptions.Default;
        using var socket = CreateSocket(remote, options, out var failure);
        if (socket is null)
        {
            return failure!;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await socket.ConnectAsync(remote, timeout.Token).ConfigureAwait(false);
            return Connected(socket, remote, Stopwatch.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return NoResponse(socket, remote);
        }
        catch (SocketException ex)
        {
            return Failed(socket, remote, ex.SocketErrorCode, ex.Message, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>The same probe, waiting on the calling thread; cancellation is checked every 100 ms.</summary>
    public TcpProbeResult Probe(IPEndPoint remote, TcpProbeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        options ??= TcpProbeOptions.Default;
        if (_timedConnect is not null && options.LocalEndPoint is null && !options.ResetOnClose)
        {
            // A raw descriptor (Linux), as reach ping probes: a non-blocking Socket object starts .NET's socket engine
            // and its thread, a tenth of a cold `reach check` (issue 13, item 29). Same answers, same classification.
            var raw = _timedConnect.Probe(remote, options.Timeout, cancellationToken);
            return raw.Source is null && raw.State != PortState.Error ? raw with { Source = RoutedSource(remote.Address) } : raw;
        }

        using var socket = CreateSocket(remote, options, out var failure);
        if (socket is null)
        {
            return failure!;
        }

        socket.Blocking = false;
        var started = Stopwatch.GetTimestamp();
        try
        {
            socket.Connect(remote);
            return Connected(socket, remote, Stopwatch.GetElapsedTime(started));
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            // The SYN is on its way.
        }
        catch (SocketException ex)
        {
            return Failed(socket, remote, ex.SocketErrorCode, ex.Message, Stopwatch.GetElapsedTime(started));
        }

        while (true)
        {
            var remaining = options.Timeout - Stopwatch.GetElapsedTime(started);
            var slice = remaining < PollSlice ? remaining : PollSlice;
            // Writable: connected, or refused by RST. An ICMP error sets only POLLERR, so SO_ERROR is read either way.
            var writable = slice > TimeSpan.Zero && socket.Poll(slice, SelectMode.SelectWrite);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var error = (SocketError)(int)socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error)!;
            if (error != SocketError.Success)
            {
                return Failed(socket, remote, error, new SocketException((int)error).Message, elapsed);
            }

            if (writable)
            {
                return Connected(socket, remote, elapsed);
            }

            if (elapsed >= options.Timeout)
            {
                return NoResponse(socket, remote);
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private Socket? CreateSocket(IPEndPoint remote, TcpProbeOptions options, out TcpProbeResult? failure)
    {
        failure = null;
        Socket socket;
        try
        {
            socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException ex)
        {
            failure = new TcpProbeResult(remote, PortState.Error, ProbeReason.LocalError, null, null, Detail: ex.Message);
            return null;
        }

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
                socket.Dispose();
                failure = new TcpProbeResult(remote, PortState.Error, ProbeReason.LocalError, null, local, Detail: $"cannot bind to {local}: {ex.Message}");
                return null;
            }
        }

        return socket;
    }

    private static TcpProbeResult Connected(Socket socket, IPEndPoint remote, TimeSpan roundTrip)
    {
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

    private static TcpProbeResult NoResponse(Socket socket, IPEndPoint remote) =>
        new(remote, PortState.Filtered, ProbeReason.NoResponse, null, LocalEndPointOf(socket, remote.Address));

    private TcpProbeResult Failed(Socket socket, IPEndPoint remote, SocketError error, string message, TimeSpan roundTrip)
    {
        var icmp = _errorQueue.TryRead(socket);
        var (state, reason) = ConnectErrorClassifier.Classify(error, icmp);

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
            message);
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

        return RoutedSource(remote);
    }

    private static IPEndPoint? RoutedSource(IPAddress remote) =>
        Routing.RouteResolver.SourceAddressFor(remote) is { } source ? new IPEndPoint(source, 0) : null;
}
