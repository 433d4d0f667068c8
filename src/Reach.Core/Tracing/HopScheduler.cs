using System.Collections.Concurrent;
using System.Net;

namespace Reach.Tracing;

/// <summary>
/// Sends a trace's probes hop after hop, up to <see cref="TraceOptions.Parallel"/> in flight (as traceroute does), and
/// hands each hop on once it and every hop before it are complete. Stops sending past the first hop that ended the
/// trace (the destination answered, or an unreachable came); answers for later TTLs are dropped.
/// </summary>
internal static class HopScheduler
{
    public static async Task<IReadOnlyList<TraceHop>> RunAsync(
        IHopProber prober,
        IPAddress destination,
        int port,
        TraceOptions options,
        Func<IPAddress, CancellationToken, Task<string?>>? lookupName,
        Action<TraceHop>? onHop,
        CancellationToken cancellationToken)
    {
        var run = new Run(prober, destination, port, options, lookupName, cancellationToken);
        try
        {
            return await run.EmitAsync(onHop).ConfigureAwait(false);
        }
        finally
        {
            await run.StopAsync().ConfigureAwait(false);
        }
    }

    private sealed class Run : IDisposable
    {
        private readonly IHopProber _prober;
        private readonly IPAddress _destination;
        private readonly int _port;
        private readonly TraceOptions _options;
        private readonly Func<IPAddress, CancellationToken, Task<string?>>? _lookupName;
        private readonly CancellationToken _cancellationToken;
        private readonly CancellationTokenSource _stop;
        private readonly SemaphoreSlim _window;
        private readonly HopProbeResult?[][] _results;
        private readonly int[] _pending;
        private readonly TaskCompletionSource[] _hopDone;
        // Lazy: GetOrAdd may run its factory more than once when two answers from one router arrive together; the lookup must start once.
        private readonly ConcurrentDictionary<IPAddress, Lazy<Task<string?>>> _names = new();
        private readonly List<Task> _probes = [];
        private readonly ushort _sequenceBase = (ushort)Random.Shared.Next(ushort.MaxValue);
        private readonly Task _launcher;
        private int _terminalTtl = int.MaxValue;

        public Run(IHopProber prober, IPAddress destination, int port, TraceOptions options, Func<IPAddress, CancellationToken, Task<string?>>? lookupName, CancellationToken cancellationToken)
        {
            _prober = prober;
            _destination = destination;
            _port = port;
            _options = options;
            _lookupName = lookupName;
            _cancellationToken = cancellationToken;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _window = new SemaphoreSlim(options.Parallel, options.Parallel);
            _results = Enumerable.Range(0, options.MaxHops).Select(_ => new HopProbeResult?[options.Queries]).ToArray();
            _pending = Enumerable.Repeat(options.Queries, options.MaxHops).ToArray();
            _hopDone = Enumerable.Range(0, options.MaxHops).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
            _launcher = LaunchAsync();
        }

        public async Task<IReadOnlyList<TraceHop>> EmitAsync(Action<TraceHop>? onHop)
        {
            var hops = new List<TraceHop>();
            for (var ttl = 1; ttl <= _options.MaxHops; ttl++)
            {
                await _hopDone[ttl - 1].Task.WaitAsync(_cancellationToken).ConfigureAwait(false);
                var probes = _results[ttl - 1].Select(r => r!).ToArray();
                var hop = new TraceHop(ttl, probes, await NamesAsync(probes).ConfigureAwait(false));
                hops.Add(hop);
                onHop?.Invoke(hop);
                if (hop.Terminal is not null)
                {
                    break;
                }
            }

            return hops;
        }

        /// <summary>Cancels what is still in flight (probes past the end, name lookups) and waits for it to finish.</summary>
        public async Task StopAsync()
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _launcher.ConfigureAwait(false);
            await Task.WhenAll(_probes).ConfigureAwait(false);
            Dispose();
        }

        public void Dispose()
        {
            _stop.Dispose();
            _window.Dispose();
        }

        private async Task LaunchAsync()
        {
            for (var ttl = 1; ttl <= _options.MaxHops; ttl++)
            {
                for (var query = 0; query < _options.Queries; query++)
                {
                    try
                    {
                        await _window.WaitAsync(_stop.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    if (ttl > Volatile.Read(ref _terminalTtl))
                    {
                        _window.Release();
                        return;
                    }

                    _probes.Add(ProbeAsync(ttl, query));
                }
            }
        }

        private async Task ProbeAsync(int ttl, int query)
        {
            var sequence = unchecked((ushort)(_sequenceBase + ((ttl - 1) * _options.Queries) + query));
            HopProbeResult result;
            try
            {
                result = await _prober.ProbeAsync(new HopProbe(_destination, ttl, _port, sequence, _options.Timeout), _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                result = HopProbeResult.NoAnswer(ttl);
            }
            finally
            {
                _window.Release();
            }

            _results[ttl - 1][query] = result;
            if (result.From is { } from && _lookupName is not null)
            {
                _ = _names.GetOrAdd(from, address => new Lazy<Task<string?>>(() => _lookupName(address, _stop.Token))).Value;
            }

            if (result.IsTerminal)
            {
                InterlockedMin(ref _terminalTtl, ttl);
            }

            if (Interlocked.Decrement(ref _pending[ttl - 1]) == 0)
            {
                _hopDone[ttl - 1].TrySetResult();
            }
        }

        private async Task<IReadOnlyDictionary<IPAddress, string>> NamesAsync(HopProbeResult[] probes)
        {
            var names = new Dictionary<IPAddress, string>();
            foreach (var address in probes.Where(p => p.From is not null).Select(p => p.From!).Distinct())
            {
                if (_names.TryGetValue(address, out var lookup) && await lookup.Value.ConfigureAwait(false) is { } name)
                {
                    names[address] = name;
                }
            }

            return names;
        }

        private static void InterlockedMin(ref int location, int value)
        {
            var current = Volatile.Read(ref location);
            while (value < current)
            {
                var seen = Interlocked.CompareExchange(ref location, value, current);
                if (seen == current)
                {
                    return;
                }

                current = seen;
            }
        }
    }
}
