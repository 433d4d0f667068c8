using System.Net;
using Reach.Pinging;
using Reach.Probes;

namespace Reach.Core.Tests.Pinging;

public class PingStatisticsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress Target = IPAddress.Parse("192.0.2.10");

    /// <summary>
    /// Ten probes one second apart. Successful round trips in order: 10, 12, 14, 10, 16, 10 ms.
    /// By hand: sum 72, avg 12; deviations -2 0 2 -2 4 -2, squares sum 32, population variance 32/6, stddev 2.3094;
    /// jitter (2 + 2 + 4 + 6 + 6) / 5 = 4; sorted 10 10 10 12 14 16: p50 = rank 3 = 10, p95 = rank 6 = 16,
    /// p99 = rank 6 = 16; loss 4 of 10.
    /// </summary>
    private static readonly (bool Ok, double Rtt, PingState State)[] Series =
    [
        (true, 10, PingState.Open),
        (true, 12, PingState.Open),
        (false, 0, PingState.Closed),
        (false, 0, PingState.Closed),
        (false, 0, PingState.Filtered),
        (true, 14, PingState.Open),
        (true, 10, PingState.Open),
        (true, 16, PingState.Open),
        (false, 0, PingState.Filtered),
        (true, 10, PingState.Open),
    ];

    [Fact]
    public void FixedSeries_CountsAndLoss()
    {
        var summary = Feed(Series).Summarize(At(10));

        Assert.Equal(10, summary.Sent);
        Assert.Equal(6, summary.Succeeded);
        Assert.Equal(4, summary.Failed);
        Assert.Equal(40.0, summary.LossPercent, 9);
        Assert.False(summary.AllSucceeded);
        Assert.Equal(Noon, summary.Started);
        Assert.Equal(At(10), summary.Ended);
    }

    [Fact]
    public void FixedSeries_RoundTripStatistics_MatchHandComputedValues()
    {
        var rtt = Feed(Series).Summarize(At(10)).RoundTrips!;

        Assert.Equal(6, rtt.Count);
        Assert.Equal(10.0, rtt.Min, 9);
        Assert.Equal(12.0, rtt.Avg, 9);
        Assert.Equal(16.0, rtt.Max, 9);
        Assert.Equal(Math.Sqrt(32.0 / 6), rtt.StdDev, 9);
        Assert.Equal(2.3094, rtt.StdDev, 4);
        Assert.Equal(4.0, rtt.Jitter!.Value, 9);
        Assert.Equal(10.0, rtt.P50, 9);
        Assert.Equal(16.0, rtt.P95, 9);
        Assert.Equal(16.0, rtt.P99, 9);
    }

    [Fact]
    public void FixedSeries_StateChanges_AreEveryChangeOfAnswer()
    {
        var changes = Feed(Series).Summarize(At(10)).StateChanges;

        Assert.Equal(
            [(3, PingState.Open, PingState.Closed), (5, PingState.Closed, PingState.Filtered), (6, PingState.Filtered, PingState.Open), (9, PingState.Open, PingState.Filtered), (10, PingState.Filtered, PingState.Open)],
            changes.Select(c => (c.Sequence, c.From, c.To)));
        Assert.Equal(At(2), changes[0].At);
    }

    [Fact]
    public void FixedSeries_DownIntervals_RunFromTheFirstFailureToTheNextSuccess()
    {
        var down = Feed(Series).Summarize(At(10)).DownIntervals;

        Assert.Equal(2, down.Count);
        Assert.Equal(new PingDownInterval(At(2), At(5), TimeSpan.FromSeconds(3), 3, 3), down[0]);
        Assert.Equal(new PingDownInterval(At(8), At(9), TimeSpan.FromSeconds(1), 1, 9), down[1]);
        Assert.All(down, d => Assert.False(d.Ongoing));
    }

    [Fact]
    public void IssueExample_DownFrom3To9_IsSixSecondsAndSixProbes()
    {
        // Up at 12:00:00-02, down for the probes at 12:00:03 ... 12:00:08, up again at 12:00:09.
        var statistics = Feed(Enumerable.Range(0, 10).Select(i => (i is < 3 or > 8, 1.0, i is < 3 or > 8 ? PingState.Open : PingState.Closed)));

        var down = Assert.Single(statistics.Summarize(At(10)).DownIntervals);

        Assert.Equal(At(3), down.Start);
        Assert.Equal(At(9), down.End);
        Assert.Equal(TimeSpan.FromSeconds(6), down.Duration);
        Assert.Equal(6, down.Probes);
    }

    [Fact]
    public void DownAtTheEnd_IsOngoing_AndLastsUntilTheSummary()
    {
        var statistics = Feed([(true, 1, PingState.Open), (false, 0, PingState.Closed), (false, 0, PingState.Closed)]);

        var down = Assert.Single(statistics.Summarize(At(7)).DownIntervals);

        Assert.True(down.Ongoing);
        Assert.Null(down.End);
        Assert.Equal(At(1), down.Start);
        Assert.Equal(TimeSpan.FromSeconds(6), down.Duration);
        Assert.Equal(2, down.Probes);
    }

    [Fact]
    public void Percentiles_AreNearestRank_OnTwentyValues()
    {
        // 1..20 in a shuffled order: p50 = rank 10, p95 = rank 19, p99 = rank ceil(19.8) = 20.
        double[] series = [7, 3, 20, 1, 15, 9, 12, 2, 18, 5, 11, 4, 16, 8, 19, 6, 14, 10, 13, 17];

        var rtt = PingStatistics.RoundTripStatistics(series)!;

        Assert.Equal(10.0, rtt.P50);
        Assert.Equal(19.0, rtt.P95);
        Assert.Equal(20.0, rtt.P99);
        Assert.Equal(10.5, rtt.Avg, 9);
    }

    [Theory]
    [InlineData(1, 50, 1)]
    [InlineData(2, 50, 1)]
    [InlineData(3, 50, 2)]
    [InlineData(100, 95, 95)]
    [InlineData(100, 99, 99)]
    [InlineData(101, 99, 100)]
    public void NearestRank_OfOneToN(int n, int percent, double expected)
    {
        var sorted = Enumerable.Range(1, n).Select(i => (double)i).ToArray();

        Assert.Equal(expected, PingStatistics.NearestRank(sorted, percent));
    }

    [Fact]
    public void OneRoundTrip_HasNoJitter_AndZeroDeviation()
    {
        var rtt = PingStatistics.RoundTripStatistics([0.25])!;

        Assert.Null(rtt.Jitter);
        Assert.Equal(0.0, rtt.StdDev);
        Assert.Equal(0.25, rtt.P99);
    }

    [Fact]
    public void NothingSent_HasNoRoundTrips_NoLoss_AndIsNotASuccess()
    {
        var summary = new PingStatistics().Summarize(Noon);

        Assert.Equal(0, summary.Sent);
        Assert.Null(summary.RoundTrips);
        Assert.Equal(0.0, summary.LossPercent);
        Assert.False(summary.AllSucceeded);
    }

    [Fact]
    public void EveryProbeSucceeded_IsAllSucceeded_WithoutChangesOrIntervals()
    {
        var summary = Feed([(true, 1, PingState.Open), (true, 2, PingState.Open)]).Summarize(At(2));

        Assert.True(summary.AllSucceeded);
        Assert.Empty(summary.StateChanges);
        Assert.Empty(summary.DownIntervals);
    }

    [Fact]
    public void AddressChange_IsRecordedWithItsSequence()
    {
        var statistics = new PingStatistics();
        var other = IPAddress.Parse("192.0.2.11");
        statistics.Add(new PingResult(1, At(0), Target, true, TimeSpan.FromMilliseconds(1), PingState.Open));
        statistics.Add(new PingResult(2, At(1), other, true, TimeSpan.FromMilliseconds(1), PingState.Open, PreviousAddress: Target));

        var change = Assert.Single(statistics.Summarize(At(2)).AddressChanges);

        Assert.Equal(new PingAddressChange(2, At(1), Target, other), change);
    }

    private static DateTimeOffset At(int seconds) => Noon.AddSeconds(seconds);

    private static PingStatistics Feed(IEnumerable<(bool Ok, double Rtt, PingState State)> series)
    {
        var statistics = new PingStatistics();
        var sequence = 0;
        foreach (var (ok, rtt, state) in series)
        {
            statistics.Add(new PingResult(
                sequence + 1,
                At(sequence),
                Target,
                ok,
                ok ? TimeSpan.FromMilliseconds(rtt) : null,
                state,
                ok ? ProbeReason.SynAck : ProbeReason.ConnRefused));
            sequence++;
        }

        return statistics;
    }
}
