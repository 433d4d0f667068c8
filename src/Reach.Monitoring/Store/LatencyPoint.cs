namespace Reach.Monitoring.Store;

/// <summary>One bucket of a target's history: probe counts and round trips (for charts).</summary>
internal sealed record LatencyPoint(
    DateTimeOffset Start,
    long Probes,
    long Successes,
    long Failures,
    TimeSpan? LatencyAverage,
    TimeSpan? LatencyMin,
    TimeSpan? LatencyMax);
