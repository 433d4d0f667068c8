using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>
/// A <see cref="FakeTimeProvider"/>'s clock whose timers say when they were set: a test then knows that a timer was
/// armed (a file event arrived) and when, on the fake clock, without sleeping.
/// </summary>
internal sealed class TimerRecordingTimeProvider(FakeTimeProvider inner) : TimeProvider
{
    /// <summary>Every <see cref="ITimer.Change"/> (and creation) with a finite due time: when, on the fake clock, and the due time.</summary>
    public ConcurrentQueue<(DateTimeOffset At, TimeSpan Due)> Armed { get; } = new();

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Record(dueTime);
        return new RecordingTimer(this, inner.CreateTimer(callback, state, dueTime, period));
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            Armed.Enqueue((inner.GetUtcNow(), dueTime));
        }
    }

    private sealed class RecordingTimer(TimerRecordingTimeProvider owner, ITimer timer) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            owner.Record(dueTime);
            return timer.Change(dueTime, period);
        }

        public void Dispose() => timer.Dispose();

        public ValueTask DisposeAsync() => timer.DisposeAsync();
    }
}
