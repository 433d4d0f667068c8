namespace Reach.Scanning.Engine;

/// <summary>What a probe is for.</summary>
internal enum ProbeKind
{
    /// <summary>A port of the scan: its answer is a verdict.</summary>
    Port,

    /// <summary>A high port outside the scan, almost surely closed, probed once per host to learn its round trip.</summary>
    Discovery,

    /// <summary>
    /// A port of the host known to answer (closed preferred, else open), probed now and then while the host is
    /// scanned and answers nothing else: its loss is a drop (congestion, a rate limiter), its answer a round trip.
    /// </summary>
    Timing,
}
