namespace Reach.Scanning;

/// <summary>
/// How a scan paced itself: what it took for congestion, how far it slowed down, and what it learnt of the path.
/// Filtered ports never appear here: silence is not congestion.
/// </summary>
/// <param name="Drops">Probes found lost: answers that only a retry brought, and lost timing probes.</param>
/// <param name="DelayRaises">How often a host's send delay was raised because too many of its answers needed retries.</param>
/// <param name="LongestDelay">The longest send delay any host got (zero when none was needed).</param>
/// <param name="TimingProbes">Probes sent to ports known to answer, to check the path of hosts that answered little else.</param>
/// <param name="TimingLosses">Timing probes that got no answer.</param>
/// <param name="QueueingHolds">Answers whose round trip showed a filling queue (far above the host's shortest), so its window did not grow.</param>
/// <param name="Window">The scan's window (probes in flight) at the end.</param>
/// <param name="SmoothedRoundTrip">The scan's smoothed round trip, when anything answered.</param>
/// <param name="Timeout">The timeout the scan's round trips call for, when anything answered.</param>
/// <param name="SocketLimit">The most sockets at a time the process's open-file limit allowed, when it ran out of
/// descriptors during the scan (EMFILE); null when it never did.</param>
public sealed record ScanPacing(
    long Drops,
    long DelayRaises,
    TimeSpan LongestDelay,
    long TimingProbes,
    long TimingLosses,
    long QueueingHolds,
    int Window,
    TimeSpan? SmoothedRoundTrip,
    TimeSpan? Timeout,
    int? SocketLimit = null);
