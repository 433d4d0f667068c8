using System.Net;
using Reach.Core.Tests.TestSupport;
using Reach.Pinging;
using Reach.Probes;
using Reach.Resolution;

namespace Reach.Core.Tests.Pinging;

public class PingRunnerTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly IPAddress First = IPAddress.Parse("192.0.2.10");
    private static readonly IPAddress Second = IPAddress.Parse("192.0.2.11");

    [Fact]
    public async Task Count_SendsThatManyProbes_OneIntervalApart_AfterOneWarmUp()
    {
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedProbe(time, TimeSpan.FromMilliseconds(300));
        var observer = new RecordingObserver();

        var run = await Runner(time, probe).RunAsync("192.0.2.10", new PingOptions { Count = 4 }, observer, TestContext.Current.CancellationToken);

        // A probe that takes 300 ms does not push the schedule: starts stay one second apart.
        Assert.Equal([1, 2, 3, 4], observer.Results.Select(r => r.Sequence));
        var first = Noon + PingRunner.FirstProbePause;
        Assert.Equal([first, first.AddSeconds(1), first.AddSeconds(2), first.AddSeconds(3)], observer.Results.Select(r => r.Timestamp));
        Assert.Equal(1, probe.WarmUps);
        Assert.True(probe.WarmedUpBeforeFirstProbe);
        Assert.Equal(First, observer.Started);
        Assert.Equal(4, run.Summary.Sent);
        Assert.True(run.Summary.AllSucceeded);
        Assert.False(run.Cancelled);
    }

    [Fact]
    public async Task FirstProbe_StartsFromAWakeUpAfterThePause_NotStraightAfterStartUp()
    {
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedProbe(time, TimeSpan.Zero);

        await Runner(time, probe).RunAsync("192.0.2.10", new PingOptions { Count = 1 }, null, TestContext.Current.CancellationToken);

        Assert.True(PingRunner.FirstProbePause >= TimeSpan.FromMilliseconds(5));
        Assert.Equal(PingRunner.FirstProbePause, probe.FirstProbeAt - probe.WarmedUpAt);
    }

    [Fact]
    public async Task SlowProbe_LongerThanTheInterval_DelaysTheNextOneWithoutOverlap()
    {
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedProbe(time, TimeSpan.FromMilliseconds(2500));
        var observer = new RecordingObserver();

        await Runner(time, probe).RunAsync("192.0.2.10", new PingOptions { Count = 3 }, observer, TestContext.Current.CancellationToken);

        var first = Noon + PingRunner.FirstProbePause;
        Assert.Equal([first, first.AddSeconds(2.5), first.AddSeconds(5)], observer.Results.Select(r => r.Timestamp));
    }

    [Fact]
    public async Task Cancelled_DuringAProbe_DropsThatProbe_AndSummarizesTheRest()
    {
        using var cts = new CancellationTokenSource();
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedProbe(time, TimeSpan.Zero) { CancelAt = 3, Cancel = cts };

        var run = await Runner(time, probe).RunAsync("192.0.2.10", new PingOptions(), null, cts.Token);

        Assert.True(run.Cancelled);
        Assert.Equal(2, run.Summary.Sent);
        Assert.True(run.Summary.AllSucceeded);
    }

    [Fact]
    public async Task FailedProbes_AreCounted_AndTheSummaryIsNotAllSucceeded()
    {
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedProbe(time, TimeSpan.Zero, ok: n => n != 2);

        var run = await Runner(time, probe).RunAsync("192.0.2.10", new PingOptions { Count = 3 }, null, TestContext.Current.CancellationToken);

        Assert.Equal((3, 2, 1), (run.Summary.Sent, run.Summary.Succeeded, run.Summary.Failed));
        Assert.False(run.Summary.AllSucceeded);
        Assert.Equal(Noon.AddSeconds(1) + PingRunner.FirstProbePause, Assert.Single(run.Summary.DownIntervals).Start);
    }

    [Fact]
    public async Task ResolveEach_ReportsTheProbeWhereTheAddressChanged()
    {
        var time = new SteppingTimeProvider(Noon);
        var resolver = new SequenceResolver([First], [First], [Second]);
        var observer = new RecordingObserver();
        var runner = new PingRunner(resolver, new ScriptedProbe(time, TimeSpan.Zero), time);

        var run = await runner.RunAsync("db.example", new PingOptions { Count = 3, ResolveEach = true }, observer, TestContext.Current.CancellationToken);

        Assert.Equal([First, First, Second], observer.Results.Select(r => r.Address));
        Assert.Equal([null, null, First], observer.Results.Select(r => r.PreviousAddress));
        var change = Assert.Single(run.Summary.AddressChanges);
        Assert.Equal((3, First, Second), (change.Sequence, change.From, change.To));
    }

    [Fact]
    public async Task ResolveEach_AFailedResolution_IsAFailedProbe_AndRunsOn()
    {
        var time = new SteppingTimeProvider(Noon);
        var resolver = new SequenceResolver([First], [], [First]);
        var observer = new RecordingObserver();
        var runner = new PingRunner(resolver, new ScriptedProbe(time, TimeSpan.Zero), time);

        var run = await runner.RunAsync("db.example", new PingOptions { Count = 3, ResolveEach = true }, observer, TestContext.Current.CancellationToken);

        Assert.Equal([PingState.Open, PingState.Unresolved, PingState.Open], observer.Results.Select(r => r.State));
        Assert.Empty(run.Summary.AddressChanges);
        Assert.Equal(1, run.Summary.Failed);
    }

    [Fact]
    public async Task Unresolvable_WithoutResolveEach_SendsNothing()
    {
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedProbe(time, TimeSpan.Zero);
        var runner = new PingRunner(new StubResolver([]), probe, time);

        var run = await runner.RunAsync("nosuch.invalid", new PingOptions { Count = 3 }, null, TestContext.Current.CancellationToken);

        Assert.True(run.Unresolved);
        Assert.Equal(0, probe.Probes);
        Assert.Equal(0, run.Summary.Sent);
    }

    private static PingRunner Runner(SteppingTimeProvider time, IPingProbe probe) => new(new StubResolver([]), probe, time);

    private sealed class ScriptedProbe(SteppingTimeProvider time, TimeSpan takes, Func<int, bool>? ok = null) : IPingProbe
    {
        public int WarmUps { get; private set; }

        public int Probes { get; private set; }

        public bool WarmedUpBeforeFirstProbe { get; private set; }

        public int? CancelAt { get; init; }

        public CancellationTokenSource? Cancel { get; init; }

        public DateTimeOffset WarmedUpAt { get; private set; }

        public DateTimeOffset FirstProbeAt { get; private set; }

        public void WarmUp()
        {
            WarmUps++;
            WarmedUpAt = time.GetUtcNow();
        }

        public ValueTask<PingProbeOutcome> ProbeAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Probes++;
            if (Probes == 1)
            {
                WarmedUpBeforeFirstProbe = WarmUps > 0;
                FirstProbeAt = time.GetUtcNow();
            }

            if (Probes == CancelAt)
            {
                Cancel!.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            time.Advance(takes);
            return ValueTask.FromResult((ok ?? (_ => true))(Probes)
                ? new PingProbeOutcome(true, TimeSpan.FromMilliseconds(0.5), PingState.Open, ProbeReason.SynAck)
                : new PingProbeOutcome(false, TimeSpan.FromMilliseconds(0.4), PingState.Closed, ProbeReason.ConnRefused));
        }
    }

    private sealed class RecordingObserver : IPingObserver
    {
        public List<PingResult> Results { get; } = [];

        public IPAddress? Started { get; private set; }

        void IPingObserver.Started(string host, IPAddress address) => Started = address;

        public void Probed(PingResult result) => Results.Add(result);
    }

    /// <summary>Answers each resolution with the next list of addresses (an empty list: the name does not resolve).</summary>
    private sealed class SequenceResolver(params IPAddress[][] answers) : IHostResolver
    {
        private int _next;

        public Task<ResolutionResult> ResolveAsync(string host, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var addresses = answers[Math.Min(_next++, answers.Length - 1)];
            return Task.FromResult(addresses.Length == 0
                ? ResolutionResult.Failed(host, "Name or service not known")
                : new ResolutionResult(host, ResolutionStatus.Resolved, addresses));
        }
    }
}
