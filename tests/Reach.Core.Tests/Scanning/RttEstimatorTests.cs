using Reach.Scanning.Engine;

namespace Reach.Core.Tests.Scanning;

public class RttEstimatorTests
{
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan Ceiling = TimeSpan.FromSeconds(10);

    [Fact]
    public void FirstSample_SetsSrttAndHalfVariance()
    {
        var rtt = new RttEstimator(TimeSpan.Zero, Ceiling);
        rtt.Add(TimeSpan.FromMilliseconds(100));

        Assert.Equal(100, rtt.SmoothedRtt.TotalMilliseconds, 6);
        Assert.Equal(300, rtt.Timeout.TotalMilliseconds, 6); // srtt + 4 * (srtt / 2)
    }

    [Fact]
    public void LaterSamples_FollowRfc6298()
    {
        var rtt = new RttEstimator(TimeSpan.Zero, Ceiling);
        rtt.Add(TimeSpan.FromMilliseconds(100));
        rtt.Add(TimeSpan.FromMilliseconds(200));

        // rttvar = 3/4 * 50 + 1/4 * |100 - 200| = 62.5; srtt = 7/8 * 100 + 1/8 * 200 = 112.5
        Assert.Equal(112.5, rtt.SmoothedRtt.TotalMilliseconds, 6);
        Assert.Equal(112.5 + (4 * 62.5), rtt.Timeout.TotalMilliseconds, 6);
        Assert.Equal(2, rtt.Samples);
    }

    [Fact]
    public void Timeout_IsClampedToFloorAndCeiling()
    {
        var fast = new RttEstimator(Floor, Ceiling);
        fast.Add(TimeSpan.FromMicroseconds(80));
        Assert.Equal(Floor, fast.Timeout);

        var slow = new RttEstimator(Floor, Ceiling);
        slow.Add(TimeSpan.FromSeconds(30));
        Assert.Equal(Ceiling, slow.Timeout);
    }

    [Fact]
    public void Queueing_IsARoundTripFarAboveTheShortest_OnceAFewAreKnown()
    {
        var rtt = new RttEstimator(Floor, Ceiling);
        rtt.Add(TimeSpan.FromMilliseconds(2));
        Assert.False(rtt.ShowsQueueing(TimeSpan.FromMilliseconds(50))); // one sample says nothing yet

        foreach (var ms in new[] { 3, 2, 4 })
        {
            rtt.Add(TimeSpan.FromMilliseconds(ms));
        }

        Assert.Equal(TimeSpan.FromMilliseconds(2), rtt.Minimum);
        Assert.False(rtt.ShowsQueueing(TimeSpan.FromMilliseconds(11))); // jitter: less than 10 ms above
        Assert.True(rtt.ShowsQueueing(TimeSpan.FromMilliseconds(13)));
    }
}
