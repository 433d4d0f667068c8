using System.Net;

namespace Reach.Pinging;

/// <summary>One kind of <c>reach ping</c> probe: a TCP connect to a port, or an ICMP echo.</summary>
public interface IPingProbe
{
    /// <summary>
    /// Readies the probe's code path (JIT, native symbol binding) so the first timed probe measures the network only.
    /// Sends nothing.
    /// </summary>
    void WarmUp();

    /// <summary>One probe; refusals, ICMP errors and timeouts are outcomes. Throws only when cancelled.</summary>
    ValueTask<PingProbeOutcome> ProbeAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken);
}
