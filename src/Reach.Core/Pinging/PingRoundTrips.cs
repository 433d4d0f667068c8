namespace Reach.Pinging;

/// <summary>
/// Round-trip statistics over the successful probes, in milliseconds. <see cref="StdDev"/> is the population
/// standard deviation (divided by n, like iputils ping's <c>mdev</c>). <see cref="Jitter"/> is the mean absolute
/// difference between consecutive successful probes (null with fewer than two). <see cref="P50"/>,
/// <see cref="P95"/> and <see cref="P99"/> are nearest-rank percentiles: the smallest measured value with at least
/// p % of the values at or below it (always a value that was measured).
/// </summary>
public sealed record PingRoundTrips(
    int Count,
    double Min,
    double Avg,
    double Max,
    double StdDev,
    double? Jitter,
    double P50,
    double P95,
    double P99);
