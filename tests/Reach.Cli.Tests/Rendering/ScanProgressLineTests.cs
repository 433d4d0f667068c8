using System.Net;
using Reach.Cli.Rendering.Scan;
using Reach.Probes;
using Reach.Scanning;

namespace Reach.Cli.Tests.Rendering;

public class ScanProgressLineTests
{
    private const string EraseToEnd = "\u001b[K";

    private static void Add(ScanTally tally, PortState state) =>
        tally.Add(new ScanPortResult(new ScanProbeTarget(0, IPAddress.Parse("192.0.2.1"), 443), state, ProbeReason.SynAck, TimeSpan.FromMilliseconds(1), 1));

    /// <summary>The lines drawn so far, without the carriage return and the erase-to-end of each.</summary>
    private static string[] Lines(StringWriter error) =>
        [.. error.ToString().Split('\r', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Replace(EraseToEnd, string.Empty, StringComparison.Ordinal)).Where(l => l.Length > 0)];

    [Fact]
    public void Report_ShowsPercentPortsOpenRateAndTimeLeft_FromTheClock()
    {
        // Given a scan of 1,000 ports that has reported 249 of them at once (10 open)
        var clock = new ManualClock();
        using var error = new StringWriter();
        var tally = new ScanTally(1);
        using var line = new ScanProgressLine(error, 1000, clock);
        for (var i = 1; i < 250; i++)
        {
            Add(tally, i <= 10 ? PortState.Open : PortState.Closed);
            line.Report(tally);
        }

        // When the 250th arrives 5 s after the start
        clock.Advance(TimeSpan.FromSeconds(5));
        Add(tally, PortState.Closed);
        line.Report(tally);

        // Then: 250 ports in 5 s is 50/s, and 750 left at that rate is 15 s
        var lines = Lines(error);
        Assert.Equal(" 25.0%  250/1000 ports  10 open  50/s  ETA 15s", lines[^1]);
        // The first report drew at once (no time had passed: no rate, no estimate); the other 248 were within 100 ms of it
        Assert.Equal(["  0.1%  1/1000 ports  1 open  0/s  ETA 0s", lines[^1]], lines);
    }

    [Fact]
    public void Report_RedrawsAtMostEvery100Ms_ButAlwaysForTheLastPort()
    {
        var clock = new ManualClock();
        using var error = new StringWriter();
        var tally = new ScanTally(1);
        using var line = new ScanProgressLine(error, 4, clock);

        foreach (var step in new[] { 10, 50, 90, 50 })
        {
            clock.Advance(TimeSpan.FromMilliseconds(step));
            Add(tally, PortState.Open);
            line.Report(tally);
        }

        // Drawn: the first (at 10 ms), the third (at 150 ms, 140 ms after the last draw), the fourth (the last port, 50 ms later)
        Assert.Equal(
        [
            " 25.0%  1/4 ports  1 open  100/s  ETA 0s",
            " 75.0%  3/4 ports  3 open  20/s  ETA 0s",
            "100.0%  4/4 ports  4 open  20/s  ETA 0s",
        ],
            Lines(error));
    }

    [Fact]
    public void Dispose_ErasesTheLineOnce_AndNothingWhenNothingWasDrawn()
    {
        var clock = new ManualClock();
        using var untouched = new StringWriter();
        new ScanProgressLine(untouched, 10, clock).Dispose();
        Assert.Empty(untouched.ToString());

        using var error = new StringWriter();
        var line = new ScanProgressLine(error, 10, clock);
        line.Report(new ScanTally(1));
        line.Dispose();
        line.Dispose();

        Assert.EndsWith("\r" + EraseToEnd, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, error.ToString().Split("\r" + EraseToEnd).Length - 1);
    }
}
