using Reach.Cli.Rendering.Scan;
using Reach.Scanning;

namespace Reach.Cli.Tests.Rendering;

public class ScanPacingTextTests
{
    [Fact]
    public void RateLimitedScan_SaysWhatSlowedItDown()
    {
        var pacing = new ScanPacing(
            Drops: 42, DelayRaises: 3, LongestDelay: TimeSpan.FromMilliseconds(4), TimingProbes: 12, TimingLosses: 2, QueueingHolds: 5,
            Window: 300, SmoothedRoundTrip: TimeSpan.FromMicroseconds(250), Timeout: TimeSpan.FromMilliseconds(50));

        Assert.Equal(
            "reach: pacing: 42 drops detected, send delay raised 3 times (longest 4 ms between probes to one host), "
            + "12 timing probes (2 lost), 5 answers with growing round trips, final window 300, round trip 0.25 ms, timeout 50 ms",
            ScanPacingText.Describe(pacing));
    }

    [Fact]
    public void SilentScan_SaysNothingAnswered()
    {
        var pacing = new ScanPacing(0, 0, TimeSpan.Zero, 0, 0, 0, 1024, null, null);

        Assert.Equal(
            "reach: pacing: 0 drops detected, no send delay, 0 timing probes (0 lost), 0 answers with growing round trips, final window 1024, nothing answered",
            ScanPacingText.Describe(pacing));
    }
}
