using System.Net;
using System.Net.NetworkInformation;
using Reach.Probes;
using Reach.Tracing;

namespace Reach.Core.Tests.Tracing;

/// <summary>What the ping API (Ping.SendPingAsync with a TTL; IcmpSendEcho2 on Windows) reports, read as hop answers.</summary>
public class PingReplyClassifierTests
{
    private static readonly IPAddress Router = IPAddress.Parse("198.51.100.1");
    private static readonly IPAddress Target = IPAddress.Parse("203.0.113.9");
    private static readonly IPAddress RouterV6 = IPAddress.Parse("2001:db8:1::1");
    private static readonly IPAddress TargetV6 = IPAddress.Parse("2001:db8:9::9");
    private static readonly TimeSpan Elapsed = TimeSpan.FromMicroseconds(1250);

    [Fact]
    public void TtlExpired_IsTheRouterAnsweringForItsHop()
    {
        var result = PingReplyClassifier.Classify(2, Target, IPStatus.TtlExpired, Router, Elapsed);

        Assert.Equal(new HopProbeResult(2, HopAnswer.TimeExceeded, Router, Elapsed), result);
        Assert.False(result.IsTerminal);
    }

    [Fact]
    public void TimeExceeded_IsHowIpv6ReportsTheHopLimitRunningOut()
    {
        var result = PingReplyClassifier.Classify(3, TargetV6, IPStatus.TimeExceeded, RouterV6, Elapsed);

        Assert.Equal(new HopProbeResult(3, HopAnswer.TimeExceeded, RouterV6, Elapsed), result);
    }

    [Fact]
    public void Success_IsTheDestinationsEchoReply_AndEndsTheTrace()
    {
        var result = PingReplyClassifier.Classify(4, Target, IPStatus.Success, Target, Elapsed);

        Assert.Equal(new HopProbeResult(4, HopAnswer.EchoReply, Target, Elapsed), result);
        Assert.True(result.IsTerminal);
    }

    [Fact]
    public void Success_WithoutAnAddress_IsCreditedToTheDestination()
    {
        Assert.Equal(Target, PingReplyClassifier.Classify(1, Target, IPStatus.Success, IPAddress.Any, Elapsed).From);
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public void TtlExpired_WithAnUnspecifiedAddress_HasNoSender_ButKeepsItsRoundTrip(string unspecified)
    {
        var result = PingReplyClassifier.Classify(5, Target, IPStatus.TtlExpired, IPAddress.Parse(unspecified), Elapsed);

        Assert.Equal(HopAnswer.TimeExceeded, result.Answer);
        Assert.Null(result.From);
        Assert.Equal(Elapsed, result.RoundTrip);
    }

    [Fact]
    public void TimedOut_IsASilentProbe()
    {
        Assert.Equal(HopProbeResult.NoAnswer(6), PingReplyClassifier.Classify(6, Target, IPStatus.TimedOut, IPAddress.Any, Elapsed));
    }

    [Theory]
    [InlineData(IPStatus.DestinationNetworkUnreachable, ProbeReason.NetUnreach)]
    [InlineData(IPStatus.DestinationHostUnreachable, ProbeReason.HostUnreach)]
    [InlineData(IPStatus.DestinationPortUnreachable, ProbeReason.PortUnreach)]
    [InlineData(IPStatus.DestinationProtocolUnreachable, ProbeReason.HostUnreach)]
    [InlineData(IPStatus.ParameterProblem, ProbeReason.HostUnreach)]
    public void UnreachableKinds_EndThePathAtTheRouterThatSaidSo(IPStatus status, ProbeReason reason)
    {
        var result = PingReplyClassifier.Classify(2, Target, status, Router, Elapsed);

        Assert.Equal(new HopProbeResult(2, HopAnswer.Unreachable, Router, Elapsed, reason), result);
        Assert.True(result.IsTerminal);
    }

    [Fact]
    public void DestinationProhibited_OverIpv6_IsAdminProhibited()
    {
        // IPStatus.DestinationProhibited shares its value with DestinationProtocolUnreachable: the family tells them apart.
        var result = PingReplyClassifier.Classify(2, TargetV6, IPStatus.DestinationProhibited, RouterV6, Elapsed);

        Assert.Equal(ProbeReason.AdminProhibited, result.Reason);
        Assert.Equal(HopAnswer.Unreachable, result.Answer);
    }

    [Theory]
    [InlineData(IPStatus.BadRoute, "no route to the destination from this host")]
    [InlineData(IPStatus.NoResources, "the ping API failed: NoResources")]
    [InlineData(IPStatus.HardwareError, "the ping API failed: HardwareError")]
    public void LocalFailures_SayNothingAboutThePath(IPStatus status, string detail)
    {
        var result = PingReplyClassifier.Classify(1, Target, status, IPAddress.Any, Elapsed);

        Assert.Equal(HopProbeResult.Local(1, detail), result);
        Assert.True(result.IsTerminal);
    }
}
