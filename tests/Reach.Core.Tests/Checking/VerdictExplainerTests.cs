using System.Net;
using Reach.Checking;
using Reach.Probes;

namespace Reach.Core.Tests.Checking;

public class VerdictExplainerTests
{
    private static readonly IPEndPoint Remote = new(IPAddress.Parse("10.0.0.5"), 443);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    [Theory]
    [InlineData(PortState.Open, ProbeReason.SynAck, null, "accepted a TCP connection")]
    [InlineData(PortState.Closed, ProbeReason.ConnRefused, null, "nothing listens on port 443")]
    [InlineData(PortState.Closed, ProbeReason.SelfConnect, null, "self-connect")]
    [InlineData(PortState.Filtered, ProbeReason.NoResponse, null, "no answer within 3s")]
    [InlineData(PortState.Filtered, ProbeReason.AdminProhibited, "10.0.0.1", "router 10.0.0.1 rejected the connection by policy")]
    [InlineData(PortState.Filtered, ProbeReason.AdminProhibited, "10.0.0.5", "the host itself rejected port 443")]
    [InlineData(PortState.Filtered, ProbeReason.HostUnreach, "10.0.0.1", "router 10.0.0.1 reported the host unreachable")]
    [InlineData(PortState.Filtered, ProbeReason.HostUnreach, null, "host unreachable: the host is down")]
    [InlineData(PortState.Filtered, ProbeReason.NetUnreach, null, "this host has no route to 10.0.0.5")]
    [InlineData(PortState.Filtered, ProbeReason.NetUnreach, "10.0.0.1", "router 10.0.0.1 has no route")]
    [InlineData(PortState.Filtered, ProbeReason.PortUnreach, "10.0.0.1", "firewall REJECT rule blocks port 443")]
    public void Explain_SaysWhatItMeans(PortState state, ProbeReason reason, string? reporter, string expected)
    {
        var probe = new TcpProbeResult(Remote, state, reason, null, null, reporter is null ? null : IPAddress.Parse(reporter));
        Assert.Contains(expected, VerdictExplainer.Explain(probe, Timeout), StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ClosedOnLoopback_DoesNotSuggestBindingBeyondLoopback()
    {
        var probe = new TcpProbeResult(new IPEndPoint(IPAddress.Loopback, 22), PortState.Closed, ProbeReason.ConnRefused, null, null);
        var text = VerdictExplainer.Explain(probe, Timeout);
        Assert.Contains("on this machine's loopback", text, StringComparison.Ordinal);
        Assert.DoesNotContain("not only 127.0.0.1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_LocalPermissionDenied_BlamesTheLocalFirewall_NotTheTarget()
    {
        var probe = new TcpProbeResult(Remote, PortState.Error, ProbeReason.LocalError, null, null, null, "Permission denied");
        var text = VerdictExplainer.Explain(probe, Timeout);
        Assert.Contains("local firewall", text, StringComparison.Ordinal);
        Assert.Contains("says nothing about the target", text, StringComparison.Ordinal);
    }
}
