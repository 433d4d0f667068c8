namespace Reach.Monitoring.Scheduling;

/// <summary>
/// How well the scheduler keeps time: probes started, slots skipped, and the lag of each start behind its planned
/// time (for <c>/metrics</c> and the bench). Thread-safe; percentiles come from the most recent starts.
/// </summary>
internal sealed class SchedulerMetrics
{
    private const int Window = 8192;
    private readonly Lock gate = new();
    private readonly double[] recentLagSeconds = new double[Window];
    private long started;
    private long overlapSkips;
    private long missedSlots;
    private double lagSecondsSum;
    private double maxLagSeconds;

    /// <summary>Each start's lag in seconds, as it happens (for a metrics library's summary or histogram).</summary>
    public event Action<double>? LagRecorded;

    /// <summary>Probes started since the service started.</summary>
    public long ProbesStarted => Interlocked.Read(ref started);

    /// <summary>Slots skipped because the target's previous probe was still running (never two at once).</summary>
    public long OverlapSkips => Interlocked.Read(ref overlapSkips);

    /// <summary>Slots that passed entirely while the scheduler was behind (it then catches up to the next slot, not all of them).</summary>
    public long MissedSlots => Interlocked.Read(ref missedSlots);

    public double LagSecondsSum
    {
        get
        {
            lock (gate)
            {
                return lagSecondsSum;
            }
        }
    }

    public TimeSpan MaxLag
    {
        get
        {
            lock (gate)
            {
                return TimeSpan.FromSeconds(maxLagSeconds);
            }
        }
    }

    /// <summary>The lag below which <paramref name="quantile"/> (0 to 1) of the recent starts fell.</summary>
    public TimeSpan LagQuantile(double quantile)
    {
        double[] sample;
        lock (gate)
        {
            var count = (int)Math.Min(started, Window);
            if (count == 0)
            {
                return TimeSpan.Zero;
            }

            sample = recentLagSeconds[..count];
        }

        Array.Sort(sample);
        var index = (int)Math.Clamp(Math.Ceiling(quantile * sample.Length) - 1, 0, sample.Length - 1);
        return TimeSpan.FromSeconds(sample[index]);
    }

    internal void RecordStart(TimeSpan lag)
    {
        var seconds = Math.Max(0, lag.TotalSeconds);
        lock (gate)
        {
            recentLagSeconds[started % Window] = seconds;
            lagSecondsSum += seconds;
            maxLagSeconds = Math.Max(maxLagSeconds, seconds);
            started++;
        }

        LagRecorded?.Invoke(seconds);
    }

    internal void RecordOverlapSkip() => Interlocked.Increment(ref overlapSkips);

    internal void RecordMissedSlots(long count) => Interlocked.Add(ref missedSlots, count);
}
