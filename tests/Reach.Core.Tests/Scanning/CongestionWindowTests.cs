using Reach.Scanning.Engine;

namespace Reach.Core.Tests.Scanning;

public class CongestionWindowTests
{
    [Fact]
    public void SlowStart_GrowsByOnePerAnswer_UpToTheMaximum()
    {
        var window = new CongestionWindow(initial: 4, minimum: 1, maximum: 10);
        for (var i = 0; i < 4; i++)
        {
            window.OnAnswer();
        }

        Assert.Equal(8, window.Size);
        for (var i = 0; i < 100; i++)
        {
            window.OnAnswer();
        }

        Assert.Equal(10, window.Size);
    }

    [Fact]
    public void Drop_HalvesTheWindow_OncePerBurst_ThenGrowthIsSlow()
    {
        var window = new CongestionWindow(initial: 64, minimum: 1, maximum: 1000);

        Assert.True(window.OnDrop(lostSentTicks: 900, nowTicks: 1_000));
        Assert.False(window.OnDrop(lostSentTicks: 950, nowTicks: 1_200)); // sent before the decrease: the same burst
        Assert.Equal(32, window.Size);

        Assert.True(window.OnDrop(lostSentTicks: 1_100, nowTicks: 2_000)); // sent after it: a new loss
        Assert.Equal(16, window.Size);

        for (var i = 0; i < 16; i++)
        {
            window.OnAnswer(); // congestion avoidance: about +1 per window of answers
        }

        Assert.Equal(16, window.Size);
        window.OnAnswer();
        Assert.Equal(17, window.Size);
    }

    [Fact]
    public void Silence_NeverUndoesTheBackOffOfADrop()
    {
        var window = new CongestionWindow(initial: 64, minimum: 1, maximum: 1000);
        window.OnDrop(lostSentTicks: 1, nowTicks: 2);

        for (var i = 0; i < 500; i++)
        {
            window.OnSilence(cap: 1024);
        }

        Assert.Equal(32, window.Size);
    }

    [Fact]
    public void NeverBelowTheMinimum()
    {
        var window = new CongestionWindow(initial: 2, minimum: 2, maximum: 10);
        for (var i = 0; i < 10; i++)
        {
            window.OnLocalPressure();
        }

        Assert.Equal(2, window.Size);
    }

    [Fact]
    public void Silence_GrowsTheWindowSlowly_OnlyUpToTheCap()
    {
        var window = new CongestionWindow(initial: 4, minimum: 1, maximum: 100);
        for (var i = 0; i < 50; i++)
        {
            window.OnSilence(cap: 16);
        }

        Assert.Equal(16, window.Size);
    }
}
