using Reach.Platform;
using Reach.Scanning.Engine;

namespace Reach.Scanning;

/// <summary>
/// The TCP connect scanner: no privileges needed, async sockets, an adaptive window of probes in flight,
/// per-host adaptive timeouts, retries for silence only, and local failures that are retried, never reported
/// as verdicts. Results arrive through <c>onResult</c> as they are found, one at a time (from the scanning threads, serialized): keep the callback quick.
/// </summary>
public sealed class ScanEngine
{
    private readonly IScanTransport _transport;

    public ScanEngine()
        : this(PlatformServices.ScanTransport)
    {
    }

    internal ScanEngine(IScanTransport transport) => _transport = transport;

    /// <summary>The cap on probes in flight that <paramref name="options"/> resolve to on this machine.</summary>
    public static int ResolveMaxInflight(ScanOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return MaxInflightFor(options.MaxInflight, PlatformServices.ResourceLimits.RaiseOpenFileLimit(), options.ReservedDescriptors);
    }

    /// <summary>
    /// One socket per probe, and the process needs descriptors of its own (the output file, the terminal, and under the
    /// JIT two for each assembly, loaded lazily, some of them only once the first results are written: about 50 for a
    /// scan): keep a reserve of half the open-file limit and 32 more, at most 256. A default fills the rest
    /// (up to 16,384); an explicit <c>--max-inflight</c> is lowered to it, since running out of descriptors only slows
    /// the scan down and can make the runtime itself fail. <paramref name="reserved"/> descriptors more are left to the
    /// caller (<see cref="ScanOptions.ReservedDescriptors"/>).
    /// </summary>
    internal static int MaxInflightFor(int requested, long openFileLimit, int reserved = 0)
    {
        var room = (int)Math.Clamp(openFileLimit - Math.Min(256, (openFileLimit / 2) + 32) - reserved, 1, int.MaxValue);
        return requested > 0 ? Math.Min(requested, room) : Math.Min(room, 16384);
    }

    /// <summary>Scans <paramref name="targets"/>, handing each verdict to <paramref name="onResult"/> as it is found.</summary>
    /// <exception cref="OperationCanceledException">Cancelled: the verdicts so far were handed over; the probes in flight were abandoned.</exception>
    /// <exception cref="ScanResourceException">Not one socket could be opened with nothing else in flight (the open-file limit).</exception>
    public async Task<ScanStatistics> RunAsync(
        IEnumerable<ScanProbeTarget> targets,
        ScanOptions options,
        Action<ScanPortResult> onResult,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(onResult);

        // Results are handed over synchronously from the transport (one at a time): a queue to another
        // thread would cost a wake-up per port, more than the probe itself on a fast network.
        var openFileLimit = PlatformServices.ResourceLimits.RaiseOpenFileLimit();
        using var scheduler = new ScanScheduler(targets, options, MaxInflightFor(options.MaxInflight, openFileLimit, options.ReservedDescriptors), onResult);
        await _transport.RunAsync(scheduler, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        if (scheduler.OutOfDescriptors)
        {
            throw ScanResourceException.OutOfDescriptors(openFileLimit);
        }

        return scheduler.Statistics();
    }
}
