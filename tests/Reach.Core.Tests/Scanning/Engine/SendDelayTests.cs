using Reach.Scanning.Engine;

namespace Reach.Core.Tests.Scanning.Engine;

public class SendDelayTests
{
    [Fact]
    public void AFewDrops_AmongManyAnswers_NeverRaiseTheDelay()
    {
        var delay = new SendDelay();
        for (var i = 0; i < 1000; i++)
        {
            delay.OnAnswer();
        }

        for (var i = 0; i < 100; i++)
        {
            Assert.False(delay.OnDrop(lostSentTicks: i + 1, nowTicks: i + 2));
        }

        Assert.Equal(0, delay.Ticks);
        Assert.True(delay.MaySend(0));
    }

    [Fact]
    public void ManyDrops_RaiseTheDelay_ThenDoubleIt_OnlyForDropsSentAfterTheRaise()
    {
        var delay = new SendDelay();
        var now = 1_000L;
        for (var i = 0; i < SendDelay.MinimumDrops; i++)
        {
            Assert.False(delay.OnDrop(lostSentTicks: now, nowTicks: ++now));
        }

        Assert.True(delay.OnDrop(lostSentTicks: now, nowTicks: ++now));
        Assert.Equal(SendDelay.FirstTicks, delay.Ticks);
        var raisedAt = now;

        // Probes sent before the raise were sent at the old pace: their drops do not count against the new one.
        for (var i = 0; i < 50; i++)
        {
            Assert.False(delay.OnDrop(lostSentTicks: raisedAt - 1, nowTicks: ++now));
        }

        Assert.Equal(SendDelay.FirstTicks, delay.Ticks);
        for (var i = 0; i <= SendDelay.MinimumDrops; i++)
        {
            delay.OnDrop(lostSentTicks: raisedAt + 1, nowTicks: ++now);
        }

        Assert.Equal(2 * SendDelay.FirstTicks, delay.Ticks);
    }

    [Fact]
    public void TheDelay_SpacesSends_AndStopsAtATenthOfASecond()
    {
        var delay = new SendDelay();
        var now = 1L;
        for (var raise = 0; raise < 40; raise++)
        {
            for (var i = 0; i <= SendDelay.MinimumDrops; i++)
            {
                delay.OnDrop(lostSentTicks: now, nowTicks: ++now);
            }
        }

        Assert.Equal(SendDelay.MaximumTicks, delay.Ticks);
        delay.OnSend(now);
        Assert.False(delay.MaySend(now + SendDelay.MaximumTicks - 1));
        Assert.True(delay.MaySend(now + SendDelay.MaximumTicks));
    }
}
