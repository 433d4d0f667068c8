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
        using (var line = new CheckProgressLine(error, 3))
        {
            line.Report(Report(true));
            line.Report(Report(false));
            line.Report(Report(true));
        }

        var text = error.ToString();
        Assert.Contains("\rchecked 3 of 3 (1 not reachable)", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[K", text, StringComparison.Ordinal);
    }

    [Fact]
    public void NothingReported_WritesNothing()
    {
        using var error = new StringWriter();
        new CheckProgressLine(error, 5).Dispose();
        Assert.Empty(error.ToString());
    }

    [Fact]
    public void DisposingTwice_ErasesOnce()
    {
        using var error = new StringWriter();
        var line = new CheckProgressLine(error, 1);
        line.Report(Report(true));
        line.Dispose();
        line.Dispose();

        var erases = error.ToString().Split("\r\u001b[K").Length - 1;
        Assert.Equal(1, erases);
    }
}
