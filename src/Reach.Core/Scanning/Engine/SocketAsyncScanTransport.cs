using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reach.Platform;

namespace Reach.Scanning.Engine;

/// <summary>
/// The portable transport: <see cref="SocketAsyncEventArgs"/> connects on .NET's socket engine. Completions arrive
/// on socket threads and refill the window at once; a loop handles timeouts and paced sends. One lock guards the
/// scheduler. About 18k probes/s on a 2-core Linux machine (thread hand-offs dominate); Linux uses epoll instead.
/// </summary>
/// <param name="errorQueue">Reads the ICMP error behind a failed connect, where the OS can.</param>
/// <param name="createSocket">Makes each probe's socket (default: a plain TCP socket). The lab tests run this
/// transport on Linux with sockets made inside a network namespace: sockets are created on whichever thread
/// refills the window, and only the socket, not the thread, decides where the probe goes.</param>
internal sealed class SocketAsyncScanTransport(ISocketErrorQueue errorQueue, Func<AddressFamily, Socket>? createSocket = null) : IScanTransport
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan AbandonGrace = TimeSpan.FromSeconds(1);

    private readonly Func<AddressFamily, Socket> _createSocket =
        createSocket ?? (family => new Socket(family, SocketType.Stream, ProtocolType.Tcp));

    public async Task RunAsync(ScanScheduler scheduler, CancellationToken cancellationToken)
    {
        using var run = new Run(scheduler, errorQueue, _createSocket);
        await run.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    private sealed class Run : IDisposable
    {
        private readonly Lock _gate = new();
        private readonly ScanScheduler _scheduler;
        private readonly ISocketErrorQueue _errorQueue;
        private readonly Func<AddressFamily, Socket> _createSocket;
        private readonly ProbeSlot[] _slots;
        private readonly Stack<ProbeSlot> _free;
        private readonly SemaphoreSlim _wake = new(0);
        private long _earliestDeadline = long.MaxValue;
        private int _timeoutEpoch;
        private int _abandoned;

        public Run(ScanScheduler scheduler, ISocketErrorQueue errorQueue, Func<AddressFamily, Socket> createSocket)
        {
            _scheduler = scheduler;
            _errorQueue = errorQueue;
            _createSocket = createSocket;
            _slots = new ProbeSlot[scheduler.MaxInflight];
            _free = new Stack<ProbeSlot>(scheduler.MaxInflight);
            for (var i = _slots.Length - 1; i >= 0; i--)
            {
                _slots[i] = new ProbeSlot(OnCompleted);
                _free.Push(_slots[i]);
            }
        }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            long? stoppedAt = null;
            while (true)
            {
                TimeSpan wait;
                lock (_gate)
                {
                    var now = Stopwatch.GetTimestamp();
                    _scheduler.Stopped |= cancellationToken.IsCancellationRequested;
                    if (_scheduler.Stopped)
                    {
                        AbandonInFlight();
                        stoppedAt ??= now;
                    }

                    Launch(now);
                    RefreshGuessedDeadlines();
                    ExpireTimeouts(now);

                    // After a stop, the slots are freed only once the aborted connects have called back (their
                    // SocketAsyncEventArgs must not be disposed while in use): a few milliseconds, bounded by a second.
                    if (_scheduler.Finished && (_abandoned == 0 || Stopwatch.GetElapsedTime(stoppedAt!.Value, now) > AbandonGrace))
                    {
                        return;
                    }

                    wait = _scheduler.NextWait(now, Tick);
                }

                await _wake.WaitAsync(wait, CancellationToken.None).ConfigureAwait(false);
            }
        }

        /// <summary>On a stop: the probes in flight are aborted at once, undecided (called under the lock).</summary>
        private void AbandonInFlight()
        {
            foreach (var slot in _slots)
            {
                if (slot.State is ProbeSlot.InFlight or ProbeSlot.TimedOut)
                {
                    slot.State = ProbeSlot.Abandoned;
                    slot.Socket?.Dispose(); // aborts the connect; its completion frees the slot
                    _scheduler.Abandon(slot.Probe);
                    _abandoned++;
                }
            }
        }

        public void Dispose()
        {
            foreach (var slot in _slots)
            {
                slot.Dispose();
            }

            _wake.Dispose();
        }

        private void Launch(long now)
        {
            while (_free.Count > 0 && _scheduler.TryStart(now, out var probe, out var timeout))
            {
                Start(probe, timeout, now);
            }
        }

        private void Start(PendingProbe probe, TimeSpan timeout, long now)
        {
            var target = probe.Target;
            Socket socket;
            try
            {
                socket = _createSocket(target.Address.AddressFamily);
                socket.LingerState = new LingerOption(true, 0); // RST on close: no TIME_WAIT pile-up
                _errorQueue.Enable(socket);
            }
            catch (SocketException ex)
            {
                _scheduler.FailLocally(probe, now, outOfDescriptors: ex.SocketErrorCode == SocketError.TooManyOpenSockets);
                return;
            }

            var slot = _free.Pop();
            slot.Socket = socket;
            slot.Probe = probe;
            slot.Timeout = timeout;
            slot.StartTicks = Stopwatch.GetTimestamp();
            slot.DeadlineTicks = slot.StartTicks + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            slot.State = ProbeSlot.InFlight;
            slot.Args.RemoteEndPoint = new IPEndPoint(target.Address, target.Port);
            _earliestDeadline = Math.Min(_earliestDeadline, slot.DeadlineTicks);

            bool pending;
            try
            {
                pending = socket.ConnectAsync(slot.Args);
            }
            catch (SocketException ex)
            {
                slot.Args.SocketError = ex.SocketErrorCode;
                pending = false;
            }

            if (!pending)
            {
                Complete(slot);
            }
        }

        /// <summary>Probes sent on a guessed timeout get the deadline their host's first round trip calls for.</summary>
        private void RefreshGuessedDeadlines()
        {
            if (_scheduler.TimeoutEpoch == _timeoutEpoch)
            {
                return;
            }

            _timeoutEpoch = _scheduler.TimeoutEpoch;
            var earliest = long.MaxValue;
            foreach (var slot in _slots)
            {
                if (slot.State != ProbeSlot.InFlight)
                {
                    continue;
                }

                var probe = slot.Probe;
                var timeout = slot.Timeout;
                if (_scheduler.TryRefreshTimeout(ref probe, ref timeout))
                {
                    slot.Timeout = timeout;
                    slot.DeadlineTicks = slot.StartTicks + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
                }

                slot.Probe = probe;
                earliest = Math.Min(earliest, slot.DeadlineTicks);
            }

            _earliestDeadline = earliest;
        }

        private void ExpireTimeouts(long now)
        {
            // Walk the slots only when the oldest deadline may have passed: on a fast network almost every probe is
            // answered long before it.
            if (now < _earliestDeadline)
            {
                return;
            }

            var earliest = long.MaxValue;
            foreach (var slot in _slots)
            {
                if (slot.State != ProbeSlot.InFlight)
                {
                    continue;
                }

                if (slot.DeadlineTicks > now || AnswerWaitsForUs(slot.Socket!))
                {
                    earliest = Math.Min(earliest, slot.DeadlineTicks);
                    continue;
                }

                slot.State = ProbeSlot.TimedOut;
                slot.Socket?.Dispose(); // aborts the connect; its completion reports the timeout
            }

            _earliestDeadline = earliest;
        }

        /// <summary>
        /// Whether the connect has already ended (writable: SYN-ACK; error: RST or ICMP) and only its completion callback
        /// has not run yet, which happens when the CPU is starved: the host did answer, so the answer is the verdict,
        /// not a timeout. The slot stays in flight until the callback runs.
        /// </summary>
        private static bool AnswerWaitsForUs(Socket socket)
        {
            try
            {
                return socket.Poll(0, SelectMode.SelectWrite) || socket.Poll(0, SelectMode.SelectError);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return false;
            }
        }

        private void OnCompleted(object? sender, SocketAsyncEventArgs args)
        {
            bool finished;
            lock (_gate)
            {
                Complete((ProbeSlot)args.UserToken!);
                // Refill the window from the completing thread rather than waiting for the loop.
                Launch(Stopwatch.GetTimestamp());
                finished = _scheduler.Finished && _abandoned == 0;
            }

            if (finished)
            {
                _wake.Release();
            }
        }

        private void Complete(ProbeSlot slot)
        {
            if (slot.State == ProbeSlot.Abandoned)
            {
                slot.Socket = null; // disposed when abandoned
                slot.State = ProbeSlot.Idle;
                _free.Push(slot);
                _abandoned--;
                return;
            }

            var now = Stopwatch.GetTimestamp();
            var socket = slot.Socket!;
            var target = slot.Probe.Target;
            ScanProbeOutcome outcome;
            if (slot.State == ProbeSlot.TimedOut)
            {
                outcome = ScanProbeOutcome.Timeout;
            }
            else if (slot.Args.SocketError == SocketError.Success)
            {
                var local = socket.LocalEndPoint as IPEndPoint;
                outcome = ScanProbeOutcome.Connected(local is not null && local.Port == target.Port && local.Address.Equals(target.Address));
            }
            else
            {
                outcome = ScanProbeOutcome.Failed(slot.Args.SocketError, _errorQueue.TryRead(socket));
            }

            socket.Dispose();
            slot.Socket = null;
            slot.State = ProbeSlot.Idle;
            _free.Push(slot);
            _scheduler.Finish(slot.Probe, slot.Timeout, Stopwatch.GetElapsedTime(slot.StartTicks, now), now, outcome);
        }
    }
}
