using System.Net;
using Reach.Core.Tests.TestSupport;
using Reach.Probes;
using Reach.Targets;
using Reach.Tracing;

namespace Reach.Core.Tests.Tracing;

public class TraceRunnerTests
{
    private static readonly IPAddress Router1 = IPAddress.Parse("10.0.1.2");
    private static readonly IPAddress Router2 = IPAddress.Parse("10.0.2.2");
    private static readonly IPAddress Target = IPAddress.Parse("10.0.3.2");

    [Fact]
    public async Task IcmpTrace_ListsTheRoutersAndTheTargetInOrder_AndStopsThere()
    {
        var path = new FakePath(Target, Router1, Router2);
        var observer = new RecordingObserver();

        var result = await Runner(path).RunAsync(Spec("target.lab"), new TraceOptions(), observer, TestContext.Current.CancellationToken);

        Assert.Equal(TraceMode.Icmp, result.Mode);
        Assert.Equal(Target, result.Address);
        Assert.Equal([Router1, Router2, Target], result.Hops.Select(h => h.Address));
        Assert.Equal([1, 2, 3], result.Hops.Select(h => h.Ttl));
        Assert.All(result.Hops, h => Assert.Equal(3, h.Probes.Count));
        Assert.True(result.Reached);
        Assert.Equal(TraceState.Reached, result.Verdict.State);
        Assert.Equal(ProbeReason.EchoReply, result.Verdict.Reason);
        Assert.Equal("10.0.3.2 reached in 3 hops", result.Verdict.Explanation);
        Assert.Equal([1, 2, 3], observer.Hops.Select(h => h.Ttl));
        Assert.Equal(Target, observer.StartedWith);
    }

    [Fact]
    public async Task IcmpTrace_NamesTheHops_AndSkipsLookupsWithDashN()
    {
        var path = new FakePath(Target, Router1, Router2);
        var reverse = new StubReverseResolver(new() { [Router1] = "router1.lab", [Target] = "target.lab" });

        var named = await Runner(path, reverse).RunAsync(Spec("target.lab"), new TraceOptions(), null, TestContext.Current.CancellationToken);
        var asked = reverse.Asked.Count;
        var unnamed = await Runner(path, reverse).RunAsync(Spec("target.lab"), new TraceOptions { ResolveNames = false }, null, TestContext.Current.CancellationToken);

        Assert.Equal(["router1.lab", null, "target.lab"], named.Hops.Select(h => h.Name));
        Assert.Equal(3, asked);
        Assert.All(unnamed.Hops, h => Assert.Null(h.Name));
        Assert.Equal(asked, reverse.Asked.Count);
    }

    [Fact]
    public async Task TcpTrace_DroppedAfterRouter2_ShowsSilentHopsUpToMaxHops_AndFilteredAfterHop2()
    {
        var path = new FakePath(Target, Router1, Router2) { SilentAfter = 2, DestinationAnswer = HopAnswer.SynAck };

        var result = await Runner(path).RunAsync(Spec("target.lab:9001"), new TraceOptions { MaxHops = 6 }, null, TestContext.Current.CancellationToken);

        Assert.Equal(TraceMode.Tcp, result.Mode);
        Assert.Equal(6, result.Hops.Count);
        Assert.Equal([Router1, Router2, null, null, null, null], result.Hops.Select(h => h.Address));
        Assert.False(result.Reached);
        Assert.Equal(TraceState.Filtered, result.Verdict.State);
        Assert.Equal(ProbeReason.NoResponse, result.Verdict.Reason);
        Assert.Equal(2, result.Verdict.Hop);
        Assert.Equal("port 9001 is filtered after hop 2 (10.0.2.2): nothing answered beyond it", result.Verdict.Explanation);
        Assert.All(path.Sent, p => Assert.InRange(p.Ttl, 1, 6));
        Assert.All(path.Sent, p => Assert.Equal(9001, p.Port));
        Assert.Equal(18, path.Sent.Count);
    }

    [Theory]
    [InlineData(HopAnswer.SynAck, TraceState.Open, ProbeReason.SynAck)]
    [InlineData(HopAnswer.Reset, TraceState.Closed, ProbeReason.ConnRefused)]
    [InlineData(HopAnswer.Unreachable, TraceState.Filtered, ProbeReason.PortUnreach)]
    public async Task TcpTrace_EndsAtTheDestinationsAnswer(HopAnswer answer, TraceState state, ProbeReason reason)
    {
        var path = new FakePath(Target, Router1, Router2) { DestinationAnswer = answer };

        var result = await Runner(path).RunAsync(Spec("target.lab:443"), new TraceOptions(), null, TestContext.Current.CancellationToken);

        Assert.Equal(3, result.Hops.Count);
        Assert.True(result.Reached);
        Assert.Equal(state, result.Verdict.State);
        Assert.Equal(reason, result.Verdict.Reason);
        Assert.Equal(3, result.Verdict.Hop);
        Assert.Equal(answer == HopAnswer.SynAck, result.Verdict.Success);
    }

    [Fact]
    public async Task Trace_NeverHasMoreProbesInFlightThanParallel_NorProbesBeyondMaxHops()
    {
        var path = new FakePath(Target, Router1) { SilentAfter = 1 };

        var result = await Runner(path).RunAsync(Spec("10.0.3.2"), new TraceOptions { MaxHops = 20, Queries = 2, Parallel = 4 }, null, TestContext.Current.CancellationToken);

        Assert.InRange(path.MaxInFlight, 1, 4);
        Assert.Equal(40, path.Sent.Count);
        Assert.Equal(20, result.Hops.Count);
        Assert.Equal(40, path.Sent.Select(p => p.Sequence).Distinct().Count());
    }

    [Fact]
    public async Task Trace_LostProbesAreStars_AndTheHopStillCounts()
    {
        var path = new FakePath(Target, Router1, Router2) { LossyHops = new HashSet<int> { 1, 2 } };

        var result = await Runner(path).RunAsync(Spec("10.0.3.2"), new TraceOptions(), null, TestContext.Current.CancellationToken);

        Assert.Equal([Router1, Router2, Target], result.Hops.Select(h => h.Address));
        Assert.Contains(result.Hops.Take(2).SelectMany(h => h.Probes), p => p.Answer == HopAnswer.NoAnswer);
    }

    [Fact]
    public async Task Trace_UnresolvedName_IsAnErrorVerdict_WithNothingSent()
    {
        var path = new FakePath(Target, Router1);

        var result = await Runner(path).RunAsync(Spec("nowhere.lab"), new TraceOptions(), null, TestContext.Current.CancellationToken);

        Assert.Equal(TraceState.Error, result.Verdict.State);
        Assert.Equal(ProbeReason.Unresolved, result.Verdict.Reason);
        Assert.StartsWith("cannot resolve nowhere.lab", result.Verdict.Explanation, StringComparison.Ordinal);
        Assert.Empty(result.Hops);
        Assert.Empty(path.Sent);
    }

    [Fact]
    public async Task Trace_PlatformThatCannotProbe_SaysWhy_InOneLine()
    {
        var path = new FakePath(Target, Router1) { Unavailable = "ICMP traceroute needs root" };

        var result = await Runner(path).RunAsync(Spec("10.0.3.2"), new TraceOptions(), null, TestContext.Current.CancellationToken);

        Assert.Equal(TraceState.Error, result.Verdict.State);
        Assert.Equal(ProbeReason.Unavailable, result.Verdict.Reason);
        Assert.Equal("ICMP traceroute needs root", result.Verdict.Explanation);
        Assert.False(result.Verdict.Success);
    }

    private static TraceRunner Runner(FakePath path, StubReverseResolver? reverse = null) =>
        new(new StubResolver(new() { ["target.lab"] = [Target] }), reverse ?? new StubReverseResolver([]), path);

    private static TargetSpec Spec(string text) =>
        TargetParser.TryParse(text, out var target, out var error) ? target : throw new ArgumentException(error);

    private sealed class RecordingObserver : ITraceObserver
    {
        public IPAddress? StartedWith { get; private set; }

        public List<TraceHop> Hops { get; } = [];

        public void Started(IPAddress address, TraceMode mode) => StartedWith = address;

        public void HopCompleted(TraceHop hop) => Hops.Add(hop);
    }
}
