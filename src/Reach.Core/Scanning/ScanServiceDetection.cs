using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Reach.Identification;
using Reach.Probes;

namespace Reach.Scanning;

/// <summary>
/// <c>reach scan --service</c>: identifies open ports as the scan finds them, beside the sweep, at most
/// <c>concurrency</c> at a time and at most <c>perHost</c> of one address (<see cref="ScanServiceHostGate{T}"/>), each
/// on connections of its own, after the scan's probe of the port has closed. The sweep only hands ports over
/// (<see cref="Add"/> never blocks), so its pace is its own; the scan reserves the descriptors these connections use
/// (<see cref="ScanOptions.ReservedDescriptors"/>).
/// </summary>
public sealed class ScanServiceDetection : IDisposable
{
    /// <summary>The ports admitted by <see cref="_hosts"/>, in the order they were, for the workers to take.</summary>
    private readonly Channel<(ScanPortResult Result, string Host)> _queue = Channel.CreateUnbounded<(ScanPortResult, string)>();

    private readonly ConcurrentDictionary<(long Host, int Port), ScanPortResult> _pending = new();
    private readonly Lock _gate = new();

    /// <summary>Guards <see cref="_hosts"/> and <see cref="_adding"/>; never held with <see cref="_gate"/>, whose holder calls out.</summary>
    private readonly Lock _hostsGate = new();
    private readonly ScanServiceHostGate<(ScanPortResult Result, string Host)> _hosts;
    private readonly Func<IPEndPoint, string, CancellationToken, Task<ServiceIdentification>> _identify;
    private readonly Action<ScanPortResult, ServiceIdentification> _onIdentified;
    private readonly CancellationTokenSource _stop;
    private readonly Task _workers;
    private bool _abandoned;
    private bool _adding = true;
    private long _found;
    private long _identified;

    /// <param name="options">How each port is asked.</param>
    /// <param name="concurrency">The most ports identified at once.</param>
    /// <param name="perHost">The most ports of one address identified at once.</param>
    /// <param name="onIdentified">Told each port's identification, one call at a time (from pool threads).</param>
    /// <param name="cancellationToken">Stops the identification (Ctrl+C): see <see cref="Abandon"/>.</param>
    public ScanServiceDetection(ServiceIdentifierOptions options, int concurrency, int perHost, Action<ScanPortResult, ServiceIdentification> onIdentified, CancellationToken cancellationToken)
        : this(IdentifierWith(options), concurrency, perHost, onIdentified, cancellationToken)
    {
    }

    /// <param name="identify">Asks one port (the remote, its host's name): tests pass a fake that sends nothing.</param>
    /// <param name="concurrency">The most ports identified at once.</param>
    /// <param name="perHost">The most ports of one address identified at once.</param>
    /// <param name="onIdentified">Told each port's identification, one call at a time (from pool threads).</param>
    /// <param name="cancellationToken">Stops the identification (Ctrl+C): see <see cref="Abandon"/>.</param>
    internal ScanServiceDetection(
        Func<IPEndPoint, string, CancellationToken, Task<ServiceIdentification>> identify, int concurrency, int perHost,
        Action<ScanPortResult, ServiceIdentification> onIdentified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identify);
        ArgumentNullException.ThrowIfNull(onIdentified);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _identify = identify;
        _hosts = new ScanServiceHostGate<(ScanPortResult, string)>(perHost);
        _onIdentified = onIdentified;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _workers = Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync, CancellationToken.None)));
    }

    /// <summary>Ports found open so far.</summary>
    public long Found => Interlocked.Read(ref _found);

    /// <summary>Ports identified so far.</summary>
    public long Identified => Interlocked.Read(ref _identified);

    /// <summary>Queues an open port (from the scan's callback: one caller at a time, never blocks).</summary>
    /// <param name="result">An open port.</param>
    /// <param name="host">The name given for its host, or its address: HTTP's Host and TLS's SNI.</param>
    public void Add(ScanPortResult result, string host)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.State != PortState.Open)
        {
            throw new ArgumentException("only open ports are identified", nameof(result));
        }

        _pending[Key(result)] = result;
        Interlocked.Increment(ref _found);
        lock (_hostsGate)
        {
            if (_hosts.TryAdmit(result.Target.Address, (result, host)))
            {
                _queue.Writer.TryWrite((result, host));
            }
        }
    }

    /// <summary>Once the sweep is over: waits until every queued port is identified and reported.</summary>
    public async Task CompleteAsync()
    {
        lock (_hostsGate)
        {
            _adding = false;
            CompleteWhenNoneWaits();
        }

        await _workers.ConfigureAwait(false);
    }

    /// <summary>
    /// Stops (Ctrl+C): nothing more is reported through the callback once this returns, and the ports found open but
    /// not yet reported come back, by host then port, for the caller to write as they stand.
    /// </summary>
    public IReadOnlyList<ScanPortResult> Abandon()
    {
        lock (_gate)
        {
            _abandoned = true;
        }

        _stop.Cancel();
        _queue.Writer.TryComplete();
        var left = _pending.Values.ToList();
        _pending.Clear();
        left.Sort(static (x, y) => (x.Target.HostIndex, x.Target.Port).CompareTo((y.Target.HostIndex, y.Target.Port)));
        return left;
    }

    public void Dispose() => _stop.Dispose();

    private static Func<IPEndPoint, string, CancellationToken, Task<ServiceIdentification>> IdentifierWith(ServiceIdentifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (remote, host, cancellationToken) => ServiceIdentifier.IdentifyAsync(remote, host, options, cancellationToken);
    }

    private static (long, int) Key(ScanPortResult result) => (result.Target.HostIndex, result.Target.Port);

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var (result, host) in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    var remote = new IPEndPoint(result.Target.Address, result.Target.Port);
                    var identification = await _identify(remote, host, _stop.Token).ConfigureAwait(false);
                    lock (_gate)
                    {
                        // Abandon() took the pending ports: one that finished meanwhile is written by the caller, once.
                        if (_abandoned || !_pending.TryRemove(Key(result), out _))
                        {
                            return;
                        }

                        Interlocked.Increment(ref _identified);
                        _onIdentified(result, identification);
                    }
                }
                finally
                {
                    // Even after a failure: the address's next port goes on, and the queue still ends.
                    Release(result.Target.Address);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped: Abandon() hands the ports left to the caller.
        }
    }

    /// <summary>A port of the address is done: its next waiting port, if any, is queued in its place.</summary>
    private void Release(IPAddress address)
    {
        lock (_hostsGate)
        {
            if (_hosts.TryRelease(address, out var next))
            {
                _queue.Writer.TryWrite(next);
            }

            CompleteWhenNoneWaits();
        }
    }

    /// <summary>After the sweep, once no port waits for its address's turn: the workers end when the queue is empty.</summary>
    private void CompleteWhenNoneWaits()
    {
        if (!_adding && _hosts.Waiting == 0)
        {
            _queue.Writer.TryComplete();
        }
    }
}
