using System.Net;
using Reach.Probes;
using Reach.Targets;
using Reach.Tracing;

namespace Reach.Core.Tests.Tracing;

public class TraceVerdictBuilderTests
{
    private static readonly IPAddress Router1 = IPAddress.Parse("10.0.1.2");
    private static readonly IPAddress Router2 = IPAddress.Parse("10.0.2.2");
    private static readonly IPAddress Target = IPAddress.Parse("10.0.3.2");
    private static readonly PortSpec Https = new(443, "https");

    [Fact]
    public void Tcp_RouterRejects_IsFilteredAtThatHop()
    {
        TraceHop[] hops = [Hop(1, HopAnswer.TimeExceeded, Router1), Hop(2, HopAnswer.Unreachable, Router2, ProbeReason.AdminProhibited)];

        var verdict = TraceVerdictBuilder.Build(Target, Https, hops, 30);

        Assert.Equal(TraceState.Filtered, verdict.State);
        Assert.Equal(ProbeReason.AdminProhibited, verdict.Reason);
        Assert.Equal(Router2, verdict.Address);
        Assert.Equal("port 443 is filtered at hop 2 (10.0.2.2): it answered admin-prohibited, a firewall rejects it by policy", verdict.Explanation);
    }

    [Fact]
    public void Tcp_RouterRejectsWhatItWouldForward_IsFilteredAtTheHopWhereThatRouterAnswered()
    {
        // Router1 answered TTL 1 with time exceeded, then rejected the TTL 2 probe it would have forwarded.
        TraceHop[] hops = [Hop(1, HopAnswer.TimeExceeded, Router1), Hop(2, HopAnswer.Unreachable, Router1, ProbeReason.AdminProhibited)];

        var verdict = TraceVerdictBuilder.Build(Target, Https, hops, 30);

        Assert.Equal(1, verdict.Hop);
        Assert.Equal(Router1, verdict.Address);
        Assert.Equal("port 443 is filtered at hop 1 (10.0.1.2): it answered admin-prohibited, a firewall rejects it by policy", verdict.Explanation);
    }

    [Fact]
    public void Icmp_RouterRejectsWhatItWouldForward_IsNotReachedAtTheHopWhereThatRouterAnswered()
    {
        TraceHop[] hops = [Hop(1, HopAnswer.TimeExceeded, Router1), Hop(2, HopAnswer.TimeExceeded, Router2), Hop(3, HopAnswer.Unreachable, Router2, ProbeReason.HostUnreach)];

        var verdict = TraceVerdictBuilder.Build(Target, null, hops, 30);

        Assert.Equal(2, verdict.Hop);
        Assert.Equal("10.0.3.2 not reached: hop 2 (10.0.2.2) answered host-unreach, it cannot deliver to the destination host", verdict.Explanation);
    }

    [Fact]
    public void Tcp_NothingAnswersAtAll_IsFilteredBeforeHop1()
    {
        TraceHop[] hops = [Hop(1, HopAnswer.NoAnswer, null), Hop(2, HopAnswer.NoAnswer, null)];

        var verdict = TraceVerdictBuilder.Build(Target, Https, hops, 2);

        Assert.Equal(TraceState.Filtered, verdict.State);
        Assert.Null(verdict.Hop);
        Assert.Equal("port 443 is filtered: nothing answered within 2 hops, not even hop 1", verdict.Explanation);
    }

    [Fact]
    public void Tcp_Rst_IsClosed()
    {
        TraceHop[] hops = [Hop(1, HopAnswer.TimeExceeded, Router1), Hop(2, HopAnswer.Reset, Target)];

        var verdict = TraceVerdictBuilder.Build(Target, Https, hops, 30);

        Assert.Equal(TraceState.Closed, verdict.State);
        Assert.StartsWith("port 443 is closed: 10.0.3.2 answered RST at hop 2", verdict.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Icmp_SilentAfterRouter1_NamesTheLastAnsweringHop()
    {
        TraceHop[] hops = [Hop(1, HopAnswer.TimeExceeded, Router1), Hop(2, HopAnswer.NoAnswer, null), Hop(3, HopAnswer.NoAnswer, null)];

        var verdict = TraceVerdictBuilder.Build(Target, null, hops, 3);

        Assert.Equal(TraceState.NotReached, verdict.State);
        Assert.Equal(ProbeReason.NoResponse, verdict.Reason);
        Assert.Equal(1, verdict.Hop);
        Assert.Equal("10.0.3.2 not reached within 3 hops: the last hop that answered was 1 (10.0.1.2)", verdict.Explanation);
    }

    [Fact]
    public void LocalError_IsAnError_NotAPathVerdict()
    {
        TraceHop[] hops = [new TraceHop(1, [HopProbeResult.Local(1, "Network is unreachable")], new Dictionary<IPAddress, string>())];

        var verdict = TraceVerdictBuilder.Build(Target, null, hops, 30);

        Assert.Equal(TraceState.Error, verdict.State);
        Assert.Equal("this host could not send the probes: Network is unreachable", verdict.Explanation);
    }

    private static TraceHop Hop(int ttl, HopAnswer answer, IPAddress? from, ProbeReason? reason = null) =>
        new(ttl, [new HopProbeResult(ttl, answer, from, from is null ? null : TimeSpan.FromMilliseconds(1), reason)], new Dictionary<IPAddress, string>());
}
