using System.Net;
using Reach.Cli.Rendering;
using Reach.Probes;
using Reach.Targets;
using Reach.Waiting;

namespace Reach.Cli.Tests.Rendering;

public class WaitStatusLineTests
{
    private const string Erase = "\r\u001b[K";

    private static TargetSpec Target(string text)
    {
        Assert.True(TargetParser.TryParse(text, out var target, out var error), error);
        return target;
    }

    private static WaitProgress Progress(TimeSpan elapsed, TimeSpan remaining, params WaitTargetStatus[] targets) =>
        new(targets, Round: 1, elapsed, remaining);

    [Fact]
    public void Report_DrawsElapsedRemainingAndEachTargetsState_OverTheLineBefore_WithDoneTargetsTicked()
    {
        using var error = new StringWriter();
        using var line = new WaitStatusLine(error);

        line.Report(Progress(TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(56.5),
            new WaitTargetStatus(Target("db:5432"), false, WaitState.Closed, ProbeReason.ConnRefused, IPAddress.Parse("192.0.2.10"), 7, null),
            new WaitTargetStatus(Target("[::1]:80"), true, WaitState.Open, ProbeReason.SynAck, IPAddress.IPv6Loopback, 3, TimeSpan.FromSeconds(1))));

        // \r goes back to the start of the line, ESC [K clears what a longer line before left behind.
        Assert.Equal("\rwaiting 3.5s, 56.5s left: db:5432 closed, [::1]:80 open ✓\u001b[K", error.ToString());
    }

    [Fact]
    public void Report_BeforeTheFirstAnswer_SaysPending_AndShortTimesInMilliseconds()
    {
        using var error = new StringWriter();
        using var line = new WaitStatusLine(error);

        line.Report(Progress(TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(750), WaitTargetStatus.Pending(Target("cache:6379"))));

        Assert.Equal("\rwaiting 250ms, 750ms left: cache:6379 pending\u001b[K", error.ToString());
    }

    [Fact]
    public void Dispose_ErasesTheLineOnce_AndNothingWhenNothingWasDrawn()
    {
        using var drawn = new StringWriter();
        var line = new WaitStatusLine(drawn);
        line.Report(Progress(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(59), WaitTargetStatus.Pending(Target("db:5432"))));
        line.Dispose();
        line.Dispose();

        Assert.EndsWith(Erase, drawn.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, drawn.ToString().Split(Erase).Length - 1);

        using var untouched = new StringWriter();
        new WaitStatusLine(untouched).Dispose();
        Assert.Empty(untouched.ToString());
    }
}
