namespace Reach.Scanning.Engine;

/// <summary>A probe waiting to be sent, or in flight.</summary>
/// <param name="Target">The host and port.</param>
/// <param name="Attempt">1 for the first attempt, 2 for the first retry...</param>
/// <param name="Kind">A port of the scan, or a probe only there to measure the path.</param>
/// <param name="LocalFailures">How often this host could not send it (a local failure, not an answer).</param>
internal readonly record struct PendingProbe(ScanProbeTarget Target, int Attempt, ProbeKind Kind = ProbeKind.Port, int LocalFailures = 0)
{
    /// <summary>When this attempt was sent (Stopwatch ticks; set by the scheduler when it hands the probe out).</summary>
    public long SentTicks { get; init; }

    /// <summary>When the previous attempt was sent: the one a retry's answer proves lost.</summary>
    public long PreviousSentTicks { get; init; }

    /// <summary>
    /// The timeout was guessed (from other hosts, or the initial value) because the host had not answered yet; the
    /// transport asks again (<see cref="ScanScheduler.TryRefreshTimeout"/>) once the host's own round trip is known.
    /// </summary>
    public bool Provisional { get; init; }

    public bool IsDiscovery => Kind == ProbeKind.Discovery;
}
