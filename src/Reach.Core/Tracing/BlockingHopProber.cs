
namespace Reach.Tracing;

/// <summary>
/// A prober whose probe is a blocking send and poll (<see cref="HopWait.Until"/>). Each probe runs on a thread of its
/// own, so round trips are the kernel's time, not the async socket engine's scheduling (tens of milliseconds with 16
/// probes in flight on a small machine).
/// </summary>
internal abstract class BlockingHopProber : IHopProber
{
    public Task<HopProbeResult> ProbeAsync(HopProbe probe, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(probe);

        // At most TraceOptions.Parallel at once.
        return Task.Factory.StartNew(
            () => Probe(probe, cancellationToken),
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    /// <summary>Sends the probe and waits for its answer or its timeout on the calling thread.</summary>
    protected abstract HopProbeResult Probe(HopProbe probe, CancellationToken cancellationToken);
}
