using Reach.Checking;
using Reach.Cli.Rendering;
using Reach.Resolution;
using Reach.Targets;

namespace Reach.Cli.Tests.Rendering;

public class CheckProgressLineTests
{
    private static TargetReport Report(bool reachable)
    {
        Assert.True(TargetParser.TryParse("srv:22", out var target, out _));
        return new TargetReport(target, ResolutionResult.Failed("srv", "x"), [], [], reachable ? TargetStatus.Open : TargetStatus.Closed, "x", []);
    }

    [Fact]
    public void LastReport_IsAlwaysDrawn_AndTheLineIsErasedAtTheEnd()
    {
        using var error = new StringWriter();
        using (var line = new CheckProgressLine(error, 3, new ManualClock()))
        {
            line.Report(Report(true));
            line.Report(Report(false));
            line.Report(Report(true));
        }

        var text = error.ToString();
        Assert.Contains("\rchecked 3 of 3 (1 not reachable)", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[K", text, StringComparison.Ordinal);
    }

    /// <summary>The line is redrawn at most every 100 ms of the clock it is given (issue 14, item 3: time injected).</summary>
    [Fact]
    public void Reports_WithinATenthOfASecond_AreDrawnOnce_ThenAgainAfterIt()
    {
        using var error = new StringWriter();
        var clock = new ManualClock();
        using var line = new CheckProgressLine(error, 10, clock);

        line.Report(Report(true));
        clock.Advance(TimeSpan.FromMilliseconds(99));
        line.Report(Report(false));
        var early = error.ToString();
        clock.Advance(TimeSpan.FromMilliseconds(1));
        line.Report(Report(true));

        Assert.Equal("\rchecked 1 of 10 (0 not reachable)\u001b[K", early);
        Assert.EndsWith("\rchecked 3 of 10 (1 not reachable)\u001b[K", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NothingReported_WritesNothing()
    {
        using var error = new StringWriter();
        new CheckProgressLine(error, 5, new ManualClock()).Dispose();
        Assert.Empty(error.ToString());
    }

    [Fact]
    public void DisposingTwice_ErasesOnce()
    {
        using var error = new StringWriter();
        var line = new CheckProgressLine(error, 1, new ManualClock());
        line.Report(Report(true));
        line.Dispose();
        line.Dispose();

        var erases = error.ToString().Split("\r\u001b[K").Length - 1;
        Assert.Equal(1, erases);
    }
}
