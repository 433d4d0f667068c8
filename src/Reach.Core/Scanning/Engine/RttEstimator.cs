namespace Reach.Scanning.Engine;

/// <summary>
/// RFC 6298 round-trip estimation (smoothed RTT and variance) with a floor and a ceiling, as nmap uses it to
/// time out probes: <c>timeout = srtt + max(granularity, 4 * rttvar)</c>.
/// </summary>
internal sealed class RttEstimator(TimeSpan floor, TimeSpan ceiling)
{
    private const double Alpha = 1.0 / 8;
    private const double Beta = 1.0 / 4;
    private static readonly double GranularityMs = 1;

    private double _srttMs;
    private double _rttvarMs;

    public int Samples { get; private set; }

    public TimeSpan SmoothedRtt => TimeSpan.FromMilliseconds(_srttMs);

    /// <summary>The shortest round trip seen: the path with empty queues.</summary>
    public TimeSpan Minimum { get; private set; } = TimeSpan.MaxValue;

    /// <summary>
    /// Whether <paramref name="sample"/> is far above the shortest round trip (four times it, and 10 ms more): a queue
    /// is filling somewhere on the path, the delay-based sign of congestion that comes before losses.
    /// </summary>
    public bool ShowsQueueing(TimeSpan sample) =>
        Samples >= 4 && sample > 4 * Minimum && sample > Minimum + TimeSpan.FromMilliseconds(10);

    /// <summary>The probe timeout the samples so far call for, within [floor, ceiling].</summary>
    public TimeSpan Timeout => BackedOff(1);

    /// <summary>
    /// The timeout times <paramref name="factor"/> (RFC 6298's back-off for a retry), then within [floor, ceiling]:
    /// the estimate is backed off, not the floor, so on a LAN (1 ms round trips, 50 ms floor) a retry waits the floor
    /// again instead of 100 ms.
    /// </summary>
    public TimeSpan BackedOff(int factor)
    {
        var ms = (_srttMs + Math.Max(GranularityMs, 4 * _rttvarMs)) * factor;
        return TimeSpan.FromMilliseconds(Math.Clamp(ms, floor.TotalMilliseconds, ceiling.TotalMilliseconds));
    }

    public void Add(TimeSpan sample)
    {
        var ms = Math.Max(0, sample.TotalMilliseconds);
        Minimum = sample < Minimum ? sample : Minimum;
        if (Samples == 0)
        {
            _srttMs = ms;
            _rttvarMs = ms / 2;
        }
        else
        {
            _rttvarMs = ((1 - Beta) * _rttvarMs) + (Beta * Math.Abs(_srttMs - ms));
            _srttMs = ((1 - Alpha) * _srttMs) + (Alpha * ms);
        }

        Samples++;
    }
}
