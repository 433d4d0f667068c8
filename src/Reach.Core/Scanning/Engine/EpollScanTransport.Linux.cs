using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Reach.Platform;
using static Reach.Platform.LinuxSocketInterop;

namespace Reach.Scanning.Engine;

/// <summary>
/// Linux: non-blocking connects on raw descriptors and one epoll loop on a thread of its own. No locks, no
/// thread hand-offs: the loop sends, waits, reads each answer (SO_ERROR, the ICMP error queue) and refills the
/// window. This is how a C scanner does it, and it is several times faster than .NET's socket engine here.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed unsafe class EpollScanTransport : IScanTransport
{
    private const int MaxEventsPerWait = 1024;

    /// <summary>Probes sent between two looks at the answers, so that sending never starves reaping.</summary>
    private const int LaunchBatch = 256;
    private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// One loop per core (up to 4): on a fast network the work is system calls, and the kernel handles a connect
    /// and its answer on the calling core. The loops share the scheduler under one lock, held only for decisions.
    /// </summary>
    public Task RunAsync(ScanScheduler scheduler, CancellationToken cancellationToken)
    {
        var loops = Math.Clamp(Math.Min(Environment.ProcessorCount, scheduler.MaxInflight / 64), 1, 4);
        var gate = new Lock();
        return Task.WhenAll(Enumerable.Range(0, loops).Select(_ => Task.Factory.StartNew(
            () => new Loop(scheduler, gate, scheduler.MaxInflight / loops).Run(cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));
    }

    private struct Slot
    {
        public int Fd;
        public PendingProbe Probe;
        public TimeSpan Timeout;
        public long StartTicks;
        public long DeadlineTicks;
    }

    private sealed class Loop(ScanScheduler scheduler, Lock gate, int capacity)
    {
        private readonly Slot[] _slots = Enumerable.Repeat(new Slot { Fd = -1 }, capacity).ToArray();
        private readonly Stack<int> _free = new(Enumerable.Range(0, capacity).Reverse());
        private readonly (int Low, int High) _ephemeralPorts = EphemeralPortRange.Read();
        private long _earliestDeadline = long.MaxValue;
        private int _timeoutEpoch;

        public void Run(CancellationToken cancellationToken)
        {
            var epoll = EpollCreate(EpollCloexec);
            if (epoll < 0)
            {
                throw new SocketException(Marshal.GetLastPInvokeError());
            }

            var events = new byte[MaxEventsPerWait * EpollEventSize];
            try
            {
                fixed (byte* eventBuffer = events)
                {
                    while (true)
                    {
                        var now = Stopwatch.GetTimestamp();
                        var moreToSend = Launch(epoll, now);
                        lock (gate)
                        {
                            scheduler.Stopped |= cancellationToken.IsCancellationRequested;
                            if (scheduler.Stopped)
                            {
                                AbandonInFlight();
                            }

                            if (scheduler.Finished)
                            {
                                return;
                            }
                        }

                        // Reap answers before judging deadlines: an answer waiting in epoll is not a timeout.
                        var count = EpollWait(epoll, eventBuffer, MaxEventsPerWait, moreToSend ? 0 : WaitMilliseconds(Stopwatch.GetTimestamp()));
                        if (count < 0)
                        {
                            var errno = Marshal.GetLastPInvokeError();
                            if (errno == EIntr)
                            {
                                continue;
                            }

                            throw new SocketException(errno);
                        }

                        now = Stopwatch.GetTimestamp();
                        for (var i = 0; i < count; i++)
                        {
                            var index = (int)BinaryPrimitives.ReadUInt64LittleEndian(new ReadOnlySpan<byte>(eventBuffer + (i * EpollEventSize) + EpollDataOffset, 8));
                            if (_slots[index].Fd >= 0)
                            {
                                Complete(index, now, Answer(index));
                            }
                        }

                        RefreshGuessedDeadlines();
                        ExpireTimeouts(Stopwatch.GetTimestamp());
                        lock (gate)
                        {
                            if (scheduler.Finished)
                            {
                                return;
                            }
                        }
                    }
                }
            }
            finally
            {
                CloseAll();
                _ = Close(epoll);
            }
        }

        private int WaitMilliseconds(long now)
        {
            TimeSpan wait;
            lock (gate)
            {
                wait = scheduler.NextWait(now, LongestWait);
            }

            if (_earliestDeadline != long.MaxValue)
            {
                var untilDeadline = TimeSpan.FromSeconds(Math.Max(0, (double)(_earliestDeadline - now) / Stopwatch.Frequency));
                wait = untilDeadline < wait ? untilDeadline : wait;
            }

            // Round up: waking a little late is harmless, spinning awake early is not.
            return (int)Math.Ceiling(wait.TotalMilliseconds);
        }

        /// <summary>Sends up to one batch of probes; true when the batch ran out before the window did.</summary>
        private bool Launch(int epoll, long now)
        {
            var budget = LaunchBatch;
            Span<byte> sockaddr = stackalloc byte[28];
            Span<byte> ev = stackalloc byte[16];
            while (_free.Count > 0 && TryStart(now, out var probe, out var timeout))
            {
                budget--;
                var target = probe.Target;
                var ipv6 = target.Address.AddressFamily == AddressFamily.InterNetworkV6;
                var fd = Socket(ipv6 ? AfInet6 : AfInet, SockStreamNonBlockCloexec, 0);
                if (fd < 0)
                {
                    var socketError = ToSocketError(Marshal.GetLastPInvokeError());
                    lock (gate)
                    {
                        // EMFILE, ENFILE, ENOBUFS: not a verdict.
                        scheduler.FailLocally(probe, now, outOfDescriptors: socketError == SocketError.TooManyOpenSockets);
                    }

                    return false;
                }

                LinuxSocketErrorQueue.Enable(fd, ipv6);

                var index = _free.Pop();
                ref var slot = ref _slots[index];
                slot.Fd = fd;
                slot.Probe = probe;
                slot.Timeout = timeout;
                slot.StartTicks = Stopwatch.GetTimestamp();
                slot.DeadlineTicks = slot.StartTicks + (long)(timeout.TotalSeconds * Stopwatch.Frequency);

                var length = WriteSockaddr(target.Address, target.Port, sockaddr);
                int result;
                fixed (byte* address = sockaddr)
                {
                    result = Connect(fd, address, length);
                }

                var errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
                if (errno != EInProgress)
                {
                    // Answered at once: connected (rare), refused on loopback, or failed locally (no route...).
                    Complete(index, Stopwatch.GetTimestamp(), result == 0 ? Connected(index) : Failed(fd, errno));
                    if (budget == 0)
                    {
                        return true;
                    }

                    continue;
                }

                ev.Clear();
                BinaryPrimitives.WriteUInt32LittleEndian(ev, EpollOut | EpollErr | EpollHup);
                BinaryPrimitives.WriteUInt64LittleEndian(ev[EpollDataOffset..], (ulong)index);
                int added;
                fixed (byte* evp = ev)
                {
                    added = EpollCtl(epoll, EpollCtlAdd, fd, evp);
                }

                if (added < 0)
                {
                    Complete(index, Stopwatch.GetTimestamp(), ScanProbeOutcome.LocalFailure);
                    if (budget == 0)
                    {
                        return true;
                    }

                    continue;
                }

                _earliestDeadline = Math.Min(_earliestDeadline, slot.DeadlineTicks);
                if (budget == 0)
                {
                    return true;
                }
            }

            return false;
        }

        private ScanProbeOutcome Answer(int index)
        {
            var fd = _slots[index].Fd;
            int error;
            var length = sizeof(int);
            if (GetSockOpt(fd, SolSocket, SoError, &error, &length) < 0)
            {
                error = Marshal.GetLastPInvokeError();
            }

            // ECONNRESET: the handshake completed and the service reset the connection before we looked: open.
            return error is 0 or ConnReset ? Connected(index) : Failed(fd, error);
        }

        private ScanProbeOutcome Connected(int index)
        {
            ref var slot = ref _slots[index];

            // Only an established connection can linger: close it with RST so probes leave no TIME_WAIT behind.
            var linger = stackalloc int[2] { 1, 0 };
            _ = SetSockOpt(slot.Fd, SolSocket, SoLinger, linger, 2 * sizeof(int));

            // TCP self-connect: the local endpoint equals the remote one. Nothing listens there. Only a port the kernel
            // may pick as a local port can be one (a getsockname less per open port in a sweep of 443).
            var port = slot.Probe.Target.Port;
            if (port < _ephemeralPorts.Low || port > _ephemeralPorts.High)
            {
                return ScanProbeOutcome.Connected(selfConnect: false);
            }

            Span<byte> local = stackalloc byte[28];
            var length = 28;
            fixed (byte* address = local)
            {
                if (GetSockName(slot.Fd, address, &length) < 0)
                {
                    return ScanProbeOutcome.Connected(selfConnect: false);
                }
            }

            Span<byte> remote = stackalloc byte[28];
            var remoteLength = WriteSockaddr(slot.Probe.Target.Address, slot.Probe.Target.Port, remote);
            return ScanProbeOutcome.Connected(selfConnect: length == remoteLength && local[..length].SequenceEqual(remote[..remoteLength]));
        }

        private static ScanProbeOutcome Failed(int fd, int errno) =>
            ScanProbeOutcome.Failed(ToSocketError(errno), LinuxSocketErrorQueue.TryRead(fd));

        /// <summary>
        /// Probes sent on a guessed timeout (their host had not answered yet) get the deadline its first round trip
        /// calls for: ten dropped ports beside a closed one are judged in milliseconds, not after the initial second.
        /// </summary>
        private void RefreshGuessedDeadlines()
        {
            if (scheduler.TimeoutEpoch == _timeoutEpoch)
            {
                return; // an unlocked look first: the epoch changes a few times a scan, this runs every loop turn
            }

            lock (gate)
            {

                _timeoutEpoch = scheduler.TimeoutEpoch;
                var earliest = long.MaxValue;
                for (var index = 0; index < _slots.Length; index++)
                {
                    ref var slot = ref _slots[index];
                    if (slot.Fd < 0)
                    {
                        continue;
                    }

                    if (scheduler.TryRefreshTimeout(ref slot.Probe, ref slot.Timeout))
                    {
                        slot.DeadlineTicks = slot.StartTicks + (long)(slot.Timeout.TotalSeconds * Stopwatch.Frequency);
                    }

                    earliest = Math.Min(earliest, slot.DeadlineTicks);
                }

                _earliestDeadline = earliest;
            }
        }

        private void ExpireTimeouts(long now)
        {
            if (now < _earliestDeadline)
            {
                return;
            }

            var earliest = long.MaxValue;
            for (var index = 0; index < _slots.Length; index++)
            {
                ref var slot = ref _slots[index];
                if (slot.Fd < 0)
                {
                    continue;
                }

                if (slot.DeadlineTicks <= now)
                {
                    Complete(index, now, ScanProbeOutcome.Timeout);
                }
                else
                {
                    earliest = Math.Min(earliest, slot.DeadlineTicks);
                }
            }

            _earliestDeadline = earliest;
        }

        private void Complete(int index, long now, ScanProbeOutcome outcome)
        {
            ref var slot = ref _slots[index];
            _ = Close(slot.Fd); // also leaves the epoll set
            slot.Fd = -1;
            var probe = slot.Probe;
            _free.Push(index);
            lock (gate)
            {
                scheduler.Finish(probe, slot.Timeout, Stopwatch.GetElapsedTime(slot.StartTicks, now), now, outcome);
            }
        }

        private bool TryStart(long now, out PendingProbe probe, out TimeSpan timeout)
        {
            lock (gate)
            {
                return scheduler.TryStart(now, out probe, out timeout);
            }
        }

        /// <summary>On a stop: the probes in flight are closed at once, undecided (called under the lock).</summary>
        private void AbandonInFlight()
        {
            for (var index = 0; index < _slots.Length; index++)
            {
                ref var slot = ref _slots[index];
                if (slot.Fd >= 0)
                {
                    _ = Close(slot.Fd);
                    slot.Fd = -1;
                    _free.Push(index);
                    scheduler.Abandon(slot.Probe);
                }
            }
        }

        private void CloseAll()
        {
            foreach (ref var slot in _slots.AsSpan())
            {
                if (slot.Fd >= 0)
                {
                    _ = Close(slot.Fd);
                    slot.Fd = -1;
                }
            }
        }
    }
}
