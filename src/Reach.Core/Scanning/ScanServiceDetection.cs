using System.Collections.Concurrent;
using System.Threading.Channels;
using Reach.Identification;
using Reach.Probes;

namespace Reach.Scanning;

/// <summary>
/// <c>reach scan --service</c>: identifies open ports as the scan finds them, beside the sweep, at most
/// <c>concurrency</c> at a time (each on connections of its own, after the scan's probe of the port has closed). The
/// sweep only hands ports over (<see cref="Add"/> never blocks), so its pace is its own; the scan reserves the
/// descriptors these connections use (<see cref="ScanOptions.ReservedDescriptors"/>).
/// </summary>
public sealed class ScanServiceDetection : IDisposable
{
    private readonly Channel<(ScanPortResult Result, string Host)> _queue =
        Channel.CreateUnbounded<(ScanPortResult, string)>(new UnboundedChannelOptions { SingleWriter = true });

    private readonly ConcurrentDictionary<(long Host, int Port), ScanPortResult> _pending = new();
    private readonly Lock _gate = new();
    private readonly ServiceIdentifierOptions _options;
    private readonly Action<ScanPortResult, ServiceIdentification> _onIdentified;
    private readonly CancellationTokenSource _stop;
    private readonly Task _workers;
    private bool _abandoned;
    private long _found;
    private long _identified;

    /// <param name="options">How each port is asked.</param>
    /// <param name="concurrency">The most ports identified at once.</param>
    /// <param name="onIdentified">Told each port's identification, one call at a time (from pool threads).</param>
    /// <param name="cancellationToken">Stops the identification (Ctrl+C): see <see cref="Abandon"/>.</param>
    public ScanServiceDetection(ServiceIdentifierOptions options, int concurrency, Action<ScanPortResult, ServiceIdentification> onIdentified, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onIdentified);
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        _options = options;
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
        _queue.Writer.TryWrite((result, host));
    }

    /// <summary>Once the sweep is over: waits until every queued port is identified and reported.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
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

    private static (long, int) Key(ScanPortResult result) => (result.Target.HostIndex, result.Target.Port);

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var (result, host) in _queue.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                var remote = new System.Net.IPEndPoint(result.Target.Address, result.Target.Port);
                var identification = await ServiceIdentifier.IdentifyAsync(remote, host, _options, _stop.Token).ConfigureAwait(false);
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
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Stopped: Abandon() hands the ports left to the caller.
        }
    }
}
