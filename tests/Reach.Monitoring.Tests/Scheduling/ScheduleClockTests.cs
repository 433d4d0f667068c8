using Reach.Monitoring.Expansion;
using Reach.Monitoring.Scheduling;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Scheduling;

public class ScheduleClockTests
{
    [Fact]
    public void Offsets_SpreadTargetsEvenlyOverTheInterval()
    {
        var interval = TimeSpan.FromSeconds(10);
        var check = Checks.Tcp("web", interval);
        var offsets = Checks.Targets(check, 1000).Select(t => ScheduleClock.OffsetOf(t.Key, interval)).ToList();

        var perSecond = offsets.GroupBy(o => (int)o.TotalSeconds).ToDictionary(g => g.Key, g => g.Count());

        Assert.All(offsets, o => Assert.InRange(o, TimeSpan.Zero, interval - TimeSpan.FromTicks(1)));
        Assert.Equal(10, perSecond.Count);
        Assert.All(perSecond.Values, n => Assert.InRange(n, 60, 140)); // 100 expected per second: no herd
    }

    [Fact]
    public void Offset_IsTheSameForTheSameKey_AcrossCalls()
    {
        var key = new TargetKey("web", "db01", 5432);

        Assert.Equal(ScheduleClock.OffsetOf(key, TimeSpan.FromSeconds(30)), ScheduleClock.OffsetOf(key with { }, TimeSpan.FromSeconds(30)));
        Assert.NotEqual(ScheduleClock.OffsetOf(key, TimeSpan.FromSeconds(30)), ScheduleClock.OffsetOf(key with { Port = 5433 }, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void NextSlot_IsTheFirstSlotAtOrAfter()
    {
        var interval = TimeSpan.FromSeconds(10);
        var offset = TimeSpan.FromSeconds(3);
        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 4, TimeSpan.Zero);

        Assert.Equal(at.AddSeconds(9), ScheduleClock.NextSlot(offset, interval, at));
        Assert.Equal(at.AddSeconds(-1), ScheduleClock.NextSlot(offset, interval, at.AddSeconds(-1)));
    }
}
