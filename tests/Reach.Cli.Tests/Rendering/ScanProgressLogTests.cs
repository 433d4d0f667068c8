using System.Net;
using Reach.Cli.Rendering.Scan;
using Reach.Probes;
using Reach.Scanning;

namespace Reach.Cli.Tests.Rendering;

public class ScanProgressLogTests
{
    private static void Add(ScanTally tally, int count, PortState state)
    {
        for (var i = 0; i < count; i++)
        {
            tally.Add(new ScanPortResult(new ScanProbeTarget(0, IPAddress.Parse("192.0.2.1"), 443), state, ProbeReason.SynAck, TimeSpan.FromMilliseconds(1), 1));
        }
    }

    private static string[] Lines(StringWriter error) => error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void EveryFiveSeconds_APlainLine_WithPortsPercentOpenRateElapsedAndTimeLeft()
    {
        // Given a scan of 10,000 ports logging to a redirected stderr
        var clock = new ManualClock();
        using var error = new StringWriter();
        var tally = new ScanTally(1);
        using var log = new ScanProgressLog(error, 10_000, tally, clock);

        // When 1,000 ports (5 open) are done in the first 5 s, and 1,000 more in the next 5 s
        Add(tally, 5, PortState.Open);
        Add(tally, 995, PortState.Closed);
        clock.Advance(TimeSpan.FromSeconds(5));
        Add(tally, 1000, PortState.Filtered);
        clock.Advance(TimeSpan.FromSeconds(5));

        // Then one line each time: 200 ports/s, so 9,000 left take 45 s and 8,000 left take 40 s; no carriage returns or escapes
        Assert.Equal(
            [
                "reach scan: 10.0%  1000/10000 ports  5 open  200/s  5s elapsed  ETA 45s",
                "reach scan: 20.0%  2000/10000 ports  5 open  200/s  10s elapsed  ETA 40s",
            ],
            Lines(error));
        Assert.DoesNotContain('\r', error.ToString());
        Assert.DoesNotContain('\u001b', error.ToString());
    }

    [Fact]
    public void AScanThatEndsBeforeTheFirstInterval_PrintsNothing()
    {
        var clock = new ManualClock();
        using var error = new StringWriter();
        var tally = new ScanTally(1);
        var log = new ScanProgressLog(error, 100, tally, clock);

        Add(tally, 100, PortState.Open);
        clock.Advance(TimeSpan.FromSeconds(4.9));
        log.Dispose();
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(error.ToString());
    }

    [Fact]
    public void AfterDispose_NoMoreLines()
    {
        var clock = new ManualClock();
        using var error = new StringWriter();
        var tally = new ScanTally(1);
        var log = new ScanProgressLog(error, 100, tally, clock);

        clock.Advance(TimeSpan.FromSeconds(5));
        log.Dispose();
        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(["reach scan: 0.0%  0/100 ports  0 open  0/s  5s elapsed  ETA unknown"], Lines(error));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(59.4, "59s")]
    [InlineData(245, "4m05s")]
    [InlineData(3725, "1h02m")]
    public void Format_WholeSecondsMinutesAndHours(double seconds, string expected) =>
        Assert.Equal(expected, ScanProgressLog.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void AStderrThatFails_StopsTheLines_NeverTheScan()
    {
        // Given stderr failing the way a scan at its open-file limit saw it (the console's first write needs a descriptor)
        var clock = new ManualClock();
        var tally = new ScanTally(1);
        using var error = new FailingWriter();
        using var log = new ScanProgressLog(error, 100, tally, clock);

        // When the timer fires twice, the timer thread must not throw (an unhandled exception there ends the process)
        var ticks = Record.Exception(() =>
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            clock.Advance(TimeSpan.FromSeconds(5));
        });

        // Then: no exception, and the lines stopped after the first failure
        Assert.Null(ticks);
        Assert.Equal(1, error.Writes);
    }

    private sealed class FailingWriter : StringWriter
    {
        public int Writes { get; private set; }

        public override void WriteLine(string? value)
        {
            Writes++;
            throw new IOException("Too many open files");
        }
    }
}
