using System.Net;
using System.Net.Sockets;
using Reach.Probes;
using Reach.Tracing;

namespace Reach.Core.Tests.Tracing;

public class HopAnswerClassifierTests
{
    private static readonly IPAddress Router = IPAddress.Parse("10.0.1.2");
    private static readonly IPAddress Target = IPAddress.Parse("10.0.3.2");
    private static readonly TimeSpan Rtt = TimeSpan.FromMicroseconds(250);

    [Theory]
    [InlineData(false, 11)]
    [InlineData(true, 3)]
    public void TimeExceeded_IsTheRouterAnsweringForItsHop(bool ipv6, byte type)
    {
        var result = HopAnswerClassifier.FromConnectFailure(1, Target, SocketError.HostUnreachable, new IcmpError(ipv6, type, 0, Router), Rtt, "No route to host");

        Assert.Equal(HopAnswer.TimeExceeded, result.Answer);
        Assert.Equal(Router, result.From);
        Assert.Equal(Rtt, result.RoundTrip);
        Assert.False(result.IsTerminal);
    }

    [Fact]
    public void AdminProhibited_EndsThePath_WithNmapsReason()
    {
        var result = HopAnswerClassifier.FromIcmpError(2, new IcmpError(false, 3, 13, Router), Rtt);

        Assert.Equal(HopAnswer.Unreachable, result.Answer);
        Assert.Equal(ProbeReason.AdminProhibited, result.Reason);
        Assert.True(result.IsTerminal);
    }

    [Fact]
    public void RefusedWithoutIcmp_IsTheDestinationsRst()
    {
        var result = HopAnswerClassifier.FromConnectFailure(3, Target, SocketError.ConnectionRefused, null, Rtt, "Connection refused");

        Assert.Equal(HopAnswer.Reset, result.Answer);
        Assert.Equal(Target, result.From);
        Assert.True(result.IsTerminal);
    }

    [Fact]
    public void NoRouteWithoutIcmp_IsALocalError_NotAnAnswer()
    {
        var result = HopAnswerClassifier.FromConnectFailure(1, Target, SocketError.NetworkUnreachable, null, Rtt, "Network is unreachable");

        Assert.Equal(HopAnswer.LocalError, result.Answer);
        Assert.Null(result.From);
        Assert.Null(result.RoundTrip);
        Assert.Equal("Network is unreachable", result.Detail);
    }

    [Fact]
    public void TimedOut_IsNoAnswer()
    {
        var result = HopAnswerClassifier.FromConnectFailure(4, Target, SocketError.TimedOut, null, Rtt, "timed out");

        Assert.Equal(HopAnswer.NoAnswer, result.Answer);
        Assert.False(result.IsTerminal);
    }
}
