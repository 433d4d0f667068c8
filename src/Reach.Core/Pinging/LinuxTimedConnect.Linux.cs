using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Reach.Platform;
using Reach.Probes;
using static Reach.Platform.LinuxSocketInterop;

namespace Reach.Pinging;

/// <summary>
/// One TCP connect on a raw, non-blocking descriptor, timed from just before connect(2) to just after poll(2)
/// reports the answer. The socket, the sockaddr and the poll structure exist before the clock starts; the span holds
/// two system calls and two clock reads: no allocation, exception or thread switch.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed unsafe partial class LinuxTimedConnect : ITimedConnect
{
    private const short PollOut = 0x004;
    private const int PollSliceMilliseconds = 100;
    private const int TimedOut = -1;

    /// <summary>
    /// Binds the P/Invoke targets and compiles the timed method (under JIT) by calling it on descriptor -1:
    /// connect(2) fails at once with EBADF and poll(2) on no descriptors returns at once. No packet is sent.
    /// </summary>
    public void WarmUp()
    {
        _ = TimedSpan(-1, null, 0, 0, CancellationToken.None, out _);
        _ = Poll(null, 0, 0);
        _ = Stopwatch.GetTimestamp();
    }

    public TcpProbeResult Probe(IPEndPoint remote, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ipv6 = remote.AddressFamily == AddressFamily.InterNetworkV6;
        var fd = Socket(ipv6 ? AfInet6 : AfInet, SockStreamNonBlockCloexec, 0);
        if (fd < 0)
        {
            return new TcpProbeResult(remote, PortState.Error, ProbeReason.LocalError, null, null, Detail: Message(Marshal.GetLastPInvokeError()));
        }

        try
        {
            LinuxSocketErrorQueue.Enable(fd, ipv6);
            var sockaddr = stackalloc byte[28];
            var length = WriteSockaddr(remote.Address, remote.Port, new Span<byte>(sockaddr, 28));
            var timeoutTicks = (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            var error = TimedSpan(fd, sockaddr, length, timeoutTicks, cancellationToken, out var elapsedTicks);
            var roundTrip = TimeSpan.FromSeconds((double)elapsedTicks / Stopwatch.Frequency);
            if (error == TimedOut)
            {
                return new TcpProbeResult(remote, PortState.Filtered, ProbeReason.NoResponse, null, null);
            }

            if (error == 0)
            {
                return Connected(fd, remote, roundTrip);
            }

            var icmp = LinuxSocketErrorQueue.TryRead(fd);
            var (state, reason) = ConnectErrorClassifier.Classify(ToSocketError(error), icmp);
            var answered = state == PortState.Closed || icmp is not null; // a local "no route" sends nothing
            return new TcpProbeResult(remote, state, reason, answered ? roundTrip : null, null, icmp?.Reporter, Message(error));
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>
    /// The measured span: returns 0 (connected), an errno, or <see cref="TimedOut"/>. Cancellation is looked at only
    /// between 100 ms poll slices, never while the answer is awaited within one.
    /// </summary>
    private static int TimedSpan(int fd, byte* sockaddr, int length, long timeoutTicks, CancellationToken cancellationToken, out long elapsedTicks)
    {
        var started = Stopwatch.GetTimestamp();
        var errno = Connect(fd, sockaddr, length) == 0 ? 0 : Marshal.GetLastPInvokeError();
        if (errno != EInProgress)
        {
            // Answered at once: connected, or failed locally (no route, EBADF in the warm-up).
            elapsedTicks = Stopwatch.GetTimestamp() - started;
            return errno;
        }

        var poll = new PollFd { Fd = fd, Events = PollOut };
        while (true)
        {
            var left = timeoutTicks - (Stopwatch.GetTimestamp() - started);
            var sliceMs = (int)Math.Clamp(left * 1000 / Stopwatch.Frequency + 1, 0, PollSliceMilliseconds);
            var ready = left > 0 ? Poll(&poll, 1, sliceMs) : 0;
            var now = Stopwatch.GetTimestamp();
            if (ready > 0)
            {
                elapsedTicks = now - started;
                return SocketError(fd);
            }

            if (ready < 0 && Marshal.GetLastPInvokeError() != EIntr)
            {
                elapsedTicks = now - started;
                return Marshal.GetLastPInvokeError();
            }

            if (now - started >= timeoutTicks)
            {
                elapsedTicks = now - started;
                return TimedOut;
            }

            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private static int SocketError(int fd)
    {
        int error;
        var length = sizeof(int);
        return GetSockOpt(fd, SolSocket, SoError, &error, &length) < 0 ? Marshal.GetLastPInvokeError() : error;
    }

    private static TcpProbeResult Connected(int fd, IPEndPoint remote, TimeSpan roundTrip)
    {
        var local = LocalEndPoint(fd);
        if (remote.Equals(local))
        {
            // TCP self-connect (see TcpConnectProbe): nothing listens there. Close with RST: no TIME_WAIT on that port.
            var linger = stackalloc int[2] { 1, 0 };
            _ = SetSockOpt(fd, SolSocket, SoLinger, linger, 2 * sizeof(int));
            return new TcpProbeResult(remote, PortState.Closed, ProbeReason.SelfConnect, roundTrip, local);
        }

        return new TcpProbeResult(remote, PortState.Open, ProbeReason.SynAck, roundTrip, local);
    }

    private static IPEndPoint? LocalEndPoint(int fd)
    {
        var buffer = stackalloc byte[28];
        var length = 28;
        if (GetSockName(fd, buffer, &length) < 0)
        {
            return null;
        }

        var bytes = new ReadOnlySpan<byte>(buffer, length);
        var port = (bytes[2] << 8) | bytes[3];
        return bytes[0] == AfInet6 && length >= 24
            ? new IPEndPoint(new IPAddress(bytes[8..24]), port)
            : new IPEndPoint(new IPAddress(bytes[4..8]), port);
    }

    private static string Message(int errno) => new SocketException((int)ToSocketError(errno)).Message;

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    /// <summary>struct pollfd.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
