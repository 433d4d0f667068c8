namespace Reach.Core.Tests.TestSupport;

/// <summary>
/// A clock that moves only when told (<see cref="Advance"/>) or when code waits on it: a timer jumps the clock to its
/// due time and fires at once. Code that sleeps between probes then runs instantly and its timestamps are exact.
/// </summary>
internal sealed class SteppingTimeProvider(DateTimeOffset start) : TimeProvider
{
    /// <summary>
    /// Timers fire after their due time cut to whole milliseconds, as the runtime's timers do (a 499.7 ms delay wakes
    /// after 499 ms): code that sleeps "until the deadline" then wakes a fraction of a millisecond before it.
    /// </summary>
    public bool WholeMillisecondTimers { get; init; }

    private readonly Lock _gate = new();
    private long _elapsedTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return start + TimeSpan.FromTicks(_elapsedTicks);
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _elapsedTicks;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _elapsedTicks += by.Ticks;
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Advance(WholeMillisecondTimers ? TimeSpan.FromMilliseconds(Math.Floor(dueTime.TotalMilliseconds)) : dueTime);
            callback(state);
        }

        return new FiredTimer();
    }

    private sealed class FiredTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => false;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
