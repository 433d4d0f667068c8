namespace Reach.Tracing;

/// <summary>Sends one TTL-limited probe and waits for its answer. One instance per trace (mode and address family).</summary>
public interface IHopProber
{
    Task<HopProbeResult> ProbeAsync(HopProbe probe, CancellationToken cancellationToken);
}
