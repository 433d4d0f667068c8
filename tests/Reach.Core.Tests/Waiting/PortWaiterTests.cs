using System.Net;
using Reach.Core.Tests.TestSupport;
using Reach.Probes;
using Reach.Targets;
using Reach.Waiting;

namespace Reach.Core.Tests.Waiting;

public class PortWaiterTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PortThatOpensOnTheThirdRound_IsDone_AfterTwoIntervals()
    {
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedPorts(time) { ["192.0.2.1:5432"] = round => round >= 3 ? PortState.Open : PortState.Closed };

        var result = await Waiter(time, probe).RunAsync([Target("192.0.2.1:5432")], new WaitOptions(), null, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        var target = Assert.Single(result.Targets);
        Assert.True(target.Done);
        Assert.Equal(3, target.Probes);
        Assert.Equal(WaitState.Open, target.State);
        Assert.Equal(TimeSpan.FromSeconds(1), target.DoneAfter);
    }

    [Fact]
    public async Task PortThatStaysClosed_TimesOut_AndIsNamed()
    {
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedPorts(time) { ["192.0.2.1:80"] = _ => PortState.Closed };

        var result = await Waiter(time, probe).RunAsync(
            [Target("192.0.2.1:80")], new WaitOptions { Timeout = TimeSpan.FromSeconds(2) }, null, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        var down = Assert.Single(result.NotDone);
        Assert.Equal((WaitState.Closed, ProbeReason.ConnRefused), (down.State, down.Reason));
        Assert.Equal(4, down.Probes); // at 0, 0.5, 1 and 1.5 s
        Assert.Equal(TimeSpan.FromSeconds(2), result.Elapsed);
    }

    [Fact]
    public async Task ConnectTimeout_IsBoundedByTheTimeLeft()
    {
        // A DROPped port: every connect waits its whole timeout. 1 s per probe, but only 0.2 s are left for the second.
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedPorts(time) { ["192.0.2.1:9001"] = _ => PortState.Filtered };

        var result = await Waiter(time, probe).RunAsync(
            [Target("192.0.2.1:9001")], new WaitOptions { Timeout = TimeSpan.FromSeconds(1.2) }, null, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.2)], probe.Timeouts);
        Assert.Equal(TimeSpan.FromSeconds(1.2), result.Elapsed);
    }

    [Fact]
    public async Task All_WaitsForEveryTarget_AndStopsProbingTheOnesThatAreUp()
    {
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedPorts(time)
        {
            ["192.0.2.1:80"] = _ => PortState.Open,
            ["192.0.2.2:80"] = round => round >= 4 ? PortState.Open : PortState.Filtered,
        };

        var result = await Waiter(time, probe).RunAsync(
            [Target("192.0.2.1:80"), Target("192.0.2.2:80")], new WaitOptions(), null, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal([1, 4], result.Targets.Select(t => t.Probes));
    }

    [Fact]
    public async Task Any_IsDoneWhenTheFirstTargetIsUp()
    {
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedPorts(time)
        {
            ["192.0.2.1:80"] = _ => PortState.Closed,
            ["192.0.2.2:80"] = round => round >= 2 ? PortState.Open : PortState.Closed,
        };

        var result = await Waiter(time, probe).RunAsync(
            [Target("192.0.2.1:80"), Target("192.0.2.2:80")], new WaitOptions { Any = true }, null, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal([false, true], result.Targets.Select(t => t.Done));
        Assert.Equal(TimeSpan.FromSeconds(0.5), result.Elapsed);
    }

    [Fact]
    public async Task Any_DoesNotWaitForASilentTarget_OnceAnotherIsUp()
    {
        var time = new SteppingTimeProvider(Noon);
        var cancelled = false;
        async Task<TcpProbeResult> Probe(IPEndPoint remote, TimeSpan timeout, CancellationToken ct)
        {
            if (remote.Port == 9001)
            {
                // A DROPped port: nothing comes back until the connect is given up.
                try
                {
                    await Task.Delay(Timeout.InfiniteTimeSpan, ct);
                }
                catch (OperationCanceledException)
                {
                    cancelled = true;
                    throw;
                }
            }

            return new TcpProbeResult(remote, PortState.Open, ProbeReason.SynAck, null, null);
        }

        var waiter = new PortWaiter(new StubResolver([]), Probe, time);
        var result = await waiter.RunAsync(
            [Target("192.0.2.1:9001"), Target("192.0.2.2:80")], new WaitOptions { Any = true }, null, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.True(cancelled, "the silent probe should have been cancelled");
        Assert.Equal([false, true], result.Targets.Select(t => t.Done));
    }

    [Fact]
    public async Task ProbeCutShortByTheDeadline_KeepsTheLastRealAnswer()
    {
        // Open at once; the second round starts at 0.5 s with only 0.7 s left, and that shortened probe hears
        // nothing: no full probe said "filtered", so the report keeps "open".
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedPorts(time) { ["192.0.2.1:443"] = round => round == 1 ? PortState.Open : PortState.Filtered };

        var result = await Waiter(time, probe).RunAsync(
            [Target("192.0.2.1:443")],
            new WaitOptions { Condition = WaitCondition.Closed, Timeout = TimeSpan.FromSeconds(1.2) },
            null,
            TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(0.7)], probe.Timeouts);
        var target = Assert.Single(result.Targets);
        Assert.Equal((WaitState.Open, ProbeReason.SynAck), (target.State, target.Reason));
        Assert.Equal(2, target.Probes);
    }

    [Theory]
    [InlineData(PortState.Closed, 3)]
    [InlineData(PortState.Filtered, 4)]
    public async Task Closed_WaitsForThePortToStopAccepting(PortState down, int probes)
    {
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedPorts(time) { ["192.0.2.1:443"] = round => round >= 3 ? down : PortState.Open };

        var result = await Waiter(time, probe).RunAsync(
            [Target("192.0.2.1:443")], new WaitOptions { Condition = WaitCondition.Closed }, null, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(probes, result.Targets[0].Probes);
    }

    [Fact]
    public async Task Closed_OneUnansweredProbe_IsNotYetDown_TwoInARowAre()
    {
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedPorts(time) { ["192.0.2.1:443"] = round => round is 2 or 4 or 5 ? PortState.Filtered : PortState.Open };

        var result = await Waiter(time, probe).RunAsync(
            [Target("192.0.2.1:443")], new WaitOptions { Condition = WaitCondition.Closed }, null, TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded);
        Assert.Equal(5, result.Targets[0].Probes);
    }

    [Fact]
    public async Task Closed_ALocalError_IsNotDown()
    {
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedPorts(time) { ["192.0.2.1:443"] = _ => PortState.Error };

        var result = await Waiter(time, probe).RunAsync(
            [Target("192.0.2.1:443")], new WaitOptions { Condition = WaitCondition.Closed, Timeout = TimeSpan.FromSeconds(1) }, null, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task UnresolvedName_IsNotUp_AndSaysWhy()
    {
        var time = new SteppingTimeProvider(Noon);
        var waiter = new PortWaiter(new StubResolver([]), new ScriptedPorts(time).ProbeAsync, time);

        var result = await waiter.RunAsync([Target("db.invalid:5432")], new WaitOptions { Timeout = TimeSpan.FromSeconds(1) }, null, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal((WaitState.Unresolved, null, "Name or service not known"), (result.Targets[0].State, result.Targets[0].Reason, result.Targets[0].ResolveError));
    }

    [Fact]
    public async Task Progress_IsReportedAfterEveryRound()
    {
        var time = new SteppingTimeProvider(Noon);
        var probe = new ScriptedPorts(time) { ["192.0.2.1:80"] = round => round >= 2 ? PortState.Open : PortState.Closed };
        var rounds = new List<WaitProgress>();

        await Waiter(time, probe).RunAsync([Target("192.0.2.1:80")], new WaitOptions(), new SyncProgress(rounds.Add), TestContext.Current.CancellationToken);

        Assert.Equal([1, 2], rounds.Select(r => r.Round));
        Assert.Equal(TimeSpan.FromSeconds(59.5), rounds[1].Remaining);
    }

    [Fact]
    public async Task LastRoundJustBeforeTheDeadline_KeepsTheLastRealAnswer_NotAResolverTimeout()
    {
        // A firewalled port answered by an ICMP admin-prohibited in 0.3 ms; the name resolves in 1 ms when given time.
        // Timers wake on whole milliseconds, so the last round starts 0.x ms before the deadline and its resolver gets
        // almost none: "unresolved: no answer from the resolver within 0 s" replaced the real answer in 2 runs of 3.
        var time = new SteppingTimeProvider(Noon) { WholeMillisecondTimers = true };
        var address = IPAddress.Parse("192.0.2.7");
        Task<TcpProbeResult> Rejected(IPEndPoint remote, TimeSpan timeout, CancellationToken ct)
        {
            time.Advance(TimeSpan.FromMicroseconds(300));
            return Task.FromResult(new TcpProbeResult(remote, PortState.Filtered, ProbeReason.AdminProhibited, TimeSpan.FromMicroseconds(300), null));
        }

        var waiter = new PortWaiter(new SlowResolver(time, address), Rejected, time);

        var result = await waiter.RunAsync(
            [Target("db.lab:5432")], new WaitOptions { Timeout = TimeSpan.FromSeconds(2) }, null, TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        var down = Assert.Single(result.NotDone);
        Assert.Equal((WaitState.Filtered, ProbeReason.AdminProhibited), (down.State, down.Reason));
    }

    private static PortWaiter Waiter(SteppingTimeProvider time, ScriptedPorts probe) => new(new StubResolver([]), probe.ProbeAsync, time);

    private static TargetSpec Target(string text) =>
        TargetParser.TryParse(text, out var target, out var error) ? target : throw new ArgumentException(error);

    /// <summary>Answers each endpoint by the number of times it was probed; a filtered answer takes the whole timeout.</summary>
    private sealed class ScriptedPorts(SteppingTimeProvider time) : Dictionary<string, Func<int, PortState>>
    {
        private readonly Dictionary<string, int> _rounds = [];

        public List<TimeSpan> Timeouts { get; } = [];

        public Task<TcpProbeResult> ProbeAsync(IPEndPoint remote, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var key = remote.ToString();
            var round = _rounds[key] = _rounds.GetValueOrDefault(key) + 1;
            var state = this[key](round);
            Timeouts.Add(timeout);
            if (state == PortState.Filtered)
            {
                time.Advance(timeout);
            }

            var reason = state switch
            {
                PortState.Open => ProbeReason.SynAck,
                PortState.Closed => ProbeReason.ConnRefused,
                PortState.Filtered => ProbeReason.NoResponse,
                _ => ProbeReason.LocalError,
            };
            return Task.FromResult(new TcpProbeResult(remote, state, reason, null, null));
        }
    }

    /// <summary>Resolves every name to one address in 1 ms; a budget under that times out, as the OS resolver does.</summary>
    private sealed class SlowResolver(SteppingTimeProvider time, IPAddress address) : Reach.Resolution.IHostResolver
    {
        public Task<Reach.Resolution.ResolutionResult> ResolveAsync(string host, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var took = TimeSpan.FromMilliseconds(1);
            if (timeout < took)
            {
                time.Advance(timeout);
                return Task.FromResult(Reach.Resolution.ResolutionResult.Failed(host, $"no answer from the resolver within {timeout.TotalSeconds:0.###} s"));
            }

            time.Advance(took);
            return Task.FromResult(new Reach.Resolution.ResolutionResult(host, Reach.Resolution.ResolutionStatus.Resolved, [address]));
        }
    }

    private sealed class SyncProgress(Action<WaitProgress> report) : IProgress<WaitProgress>
    {
        public void Report(WaitProgress value) => report(value);
    }
}
