using System.Globalization;
using System.Net;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab;

namespace Reach.Lab.Tests;

/// <summary><c>reach wait</c> from the lab's client namespace, with listeners the tests start and stop in the target.</summary>
public sealed class WaitCommandLabTests(LabFixture lab)
{
    /// <summary>Ports no lab rule or listener uses: these tests open their own listeners there.</summary>
    private const int AppearingPort = 7011;
    private const int VanishingPort = 7012;

    [Fact]
    public async Task Wait_ListenerAppearingAfterADelay_ExitsZero()
    {
        lab.RequireLab();
        var endPoint = new IPEndPoint(IPAddress.Parse(LabNetwork.TargetV4), AppearingPort);
        LabListeners? listener = null;
        try
        {
            var wait = ReachCli.RunAsync(lab, "wait", LabNetwork.EndPoint(LabNetwork.TargetV4, AppearingPort), "--timeout", "20s", "--interval", "100ms");
            await Task.Delay(1500, TestContext.Current.CancellationToken);
            Assert.False(wait.IsCompleted, "reach wait ended before the listener existed");
            listener = LabListeners.Start(lab.TargetNamespace, [endPoint]);

            var run = await wait;

            Assert.Equal(0, run.ExitCode);
            Assert.Equal(string.Empty, run.StdOut);
            Assert.Equal(string.Empty, run.StdErr);
            Assert.True(listener.Accepted >= 1);
        }
        finally
        {
            if (listener is not null)
            {
                await listener.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Wait_DropPort_TimesOut_ExitsOne_NamingTheTarget_WithinTheTimeout()
    {
        lab.RequireLab();
        var drop = LabNetwork.EndPoint(LabNetwork.TargetV4, LabPorts.Drop);
        var baseline = await ReachCli.RunAsync(lab, "wait", LabNetwork.EndPoint(LabNetwork.TargetV4, LabPorts.Http));

        var run = await ReachCli.RunAsync(lab, "wait", drop, LabNetwork.EndPoint(LabNetwork.TargetV4, LabPorts.Http), "--timeout", "1500ms");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"reach: timed out after 1.5s: not open: {drop} (filtered: no-response)", run.StdErr.TrimEnd());
        // It cannot give up before its timeout, and each connect is bounded by the time left, so it ends about 1.5 s
        // after reach started (a 1 s connect begun at 1.0 s would otherwise run to 2.0 s; the slack is start-up noise).
        Assert.True(run.Elapsed >= TimeSpan.FromSeconds(1.5), $"gave up after {run.Elapsed}");
        Assert.True(run.Elapsed - baseline.Elapsed < TimeSpan.FromSeconds(2.5), $"{run.Elapsed} against a baseline of {baseline.Elapsed}");
    }

    [Fact]
    public async Task Wait_Closed_ExitsZero_OnceTheListenerStops()
    {
        lab.RequireLab();
        var endPoint = new IPEndPoint(IPAddress.Parse(LabNetwork.TargetV4), VanishingPort);
        var listener = LabListeners.Start(lab.TargetNamespace, [endPoint]);
        try
        {
            var wait = ReachCli.RunAsync(lab, "wait", LabNetwork.EndPoint(LabNetwork.TargetV4, VanishingPort), "--closed", "--timeout", "20s", "--interval", "100ms");
            for (var i = 0; i < 200 && listener.Accepted < 2 && !wait.IsCompleted; i++)
            {
                await Task.Delay(50, TestContext.Current.CancellationToken);
            }

            Assert.False(wait.IsCompleted, "reach wait --closed ended while the port was open");
            await listener.DisposeAsync();

            var run = await wait;

            Assert.Equal(0, run.ExitCode);
        }
        finally
        {
            await listener.DisposeAsync();
        }
    }

    [Fact]
    public async Task Wait_Closed_OnAnOpenPort_TimesOut()
    {
        lab.RequireLab();

        // Several rounds: the first probe may pay start-up (JIT) time on a loaded machine; the last answer is reported.
        var run = await ReachCli.RunAsync(lab, "wait", LabNetwork.EndPoint(LabNetwork.TargetV6, LabPorts.Https), "--closed", "--timeout", "2s");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not down: [fd00:5eac::2]:443 (open: syn-ack)", run.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_Any_OneOpenAmongClosedAndDropped_ExitsZeroAtOnce()
    {
        lab.RequireLab();

        var run = await ReachCli.RunAsync(
            lab,
            "wait",
            LabNetwork.EndPoint(LabNetwork.TargetV4, LabPorts.Closed),
            LabNetwork.EndPoint(LabNetwork.TargetV4, LabPorts.Drop),
            $"{LabNetwork.TargetName}:{LabPorts.Postgres.ToString(CultureInfo.InvariantCulture)}",
            "--any",
            "--timeout",
            "20s");

        Assert.Equal(0, run.ExitCode);
        // The dropped port holds the first round for its 1 s connect timeout, no more.
        Assert.True(run.Elapsed < TimeSpan.FromSeconds(8), $"took {run.Elapsed}");
    }
}
