using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using Reach.Lab.Tests.Cli;
using Reach.Lab.Tests.Lab.Trace;
using static Reach.Lab.Tests.Lab.Trace.TraceChainNetwork;

namespace Reach.Lab.Tests.Trace;

/// <summary><c>reach trace</c> through client → router1 → router2 → target, run inside the chain's client namespace.</summary>
public sealed class TraceCommandLabTests(TraceChain chain) : IClassFixture<TraceChain>
{
    private const int Nobody = 65534;

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task IcmpTrace_ListsRouter1Router2AndTheTarget_InOrder_WithNames(AddressFamily family)
    {
        chain.Require();

        var run = await chain.RunReachAsync(["trace", Target(family), "--json"]);

        Assert.Equal(0, run.ExitCode);
        var json = run.Json;
        Assert.Equal("icmp", json.Text("mode"));
        Assert.True(json.Flag("reached"));
        Assert.Equal("reached", json.Prop("verdict").Text("state"));
        Assert.Equal("echo-reply", json.Prop("verdict").Text("reason"));
        var hops = json.Items("hops");
        Assert.Equal([Router1(family), Router2(family), Target(family)], hops.Select(h => h.Text("address")));
        Assert.Equal([Router1Name, Router2Name, TargetName], hops.Select(h => h.Text("name")));
        Assert.Equal([1, 2, 3], hops.Select(h => h.WholeNumber("ttl")));
        AssertEveryProbeAnswered(hops);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task TcpTrace_DroppedPort_EndsAtRouter2_Filtered(AddressFamily family)
    {
        chain.Require();

        var text = await chain.RunReachAsync(["trace", Target(family), Port(DroppedPort), "--max-hops", "5", "-n"]);
        var run = await chain.RunReachAsync(["trace", Target(family), Port(DroppedPort), "--max-hops", "5", "--json"]);

        Assert.Equal(1, run.ExitCode);
        var json = run.Json;
        Assert.Equal("tcp", json.Text("mode"));
        Assert.False(json.Flag("reached"));
        var hops = json.Items("hops");
        Assert.Equal([Router1(family), Router2(family), null, null, null], hops.Select(h => h.Text("address")));
        Assert.All(hops.Skip(2).SelectMany(h => h.Items("probes")), p => Assert.Equal("no-answer", p.Text("answer")));
        var verdict = json.Prop("verdict");
        Assert.Equal("filtered", verdict.Text("state"));
        Assert.Equal("no-response", verdict.Text("reason"));
        Assert.Equal(2, verdict.WholeNumber("hop"));
        Assert.Equal(Router2(family), verdict.Text("address"));

        Assert.Equal(1, text.ExitCode);
        Assert.Contains($"Verdict  port {DroppedPort} is filtered after hop 2 ({Router2(family)}): nothing answered beyond it", text.StdOut, StringComparison.Ordinal);
        Assert.Contains(" 3  *  *  *", text.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task TcpTrace_PortRouter1Rejects_IsFilteredAtHop1_WhereRouter1Answered(AddressFamily family)
    {
        chain.Require();

        var run = await chain.RunReachAsync(["trace", Target(family), Port(RejectedPort), "--max-hops", "5", "--json", "-n"]);

        Assert.Equal(1, run.ExitCode);
        var json = run.Json;
        Assert.Equal([Router1(family), Router1(family)], json.Items("hops").Select(h => h.Text("address")));
        var verdict = json.Prop("verdict");
        Assert.Equal("filtered", verdict.Text("state"));
        Assert.Equal("admin-prohibited", verdict.Text("reason"));
        Assert.Equal(1, verdict.WholeNumber("hop"));
        Assert.Equal(Router1(family), verdict.Text("address"));
        Assert.StartsWith($"port {RejectedPort} is filtered at hop 1 ({Router1(family)})", verdict.Text("explanation"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task TcpTrace_OpenPort_ReachesTheTarget_WithSynAck(AddressFamily family)
    {
        chain.Require();

        var run = await chain.RunReachAsync(["trace", Target(family), Port(OpenPort), "--json", "-n"]);

        Assert.Equal(0, run.ExitCode);
        var json = run.Json;
        Assert.True(json.Flag("reached"));
        var hops = json.Items("hops");
        Assert.Equal([Router1(family), Router2(family), Target(family)], hops.Select(h => h.Text("address")));
        Assert.All(hops[2].Items("probes"), p => Assert.Equal("syn-ack", p.Text("answer")));
        Assert.Equal("open", json.Prop("verdict").Text("state"));
        Assert.Equal("syn-ack", json.Prop("verdict").Text("reason"));
        Assert.Equal(3, json.Prop("verdict").WholeNumber("hop"));
        AssertEveryProbeAnswered(hops);
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task TcpTrace_ClosedPort_ReachesTheTarget_WithRst(AddressFamily family)
    {
        chain.Require();

        var run = await chain.RunReachAsync(["trace", Target(family), Port(ClosedPort), "--json", "-n"]);

        Assert.Equal(1, run.ExitCode);
        var json = run.Json;
        Assert.True(json.Flag("reached"));
        var hops = json.Items("hops");
        Assert.Equal(3, hops.Count);
        Assert.All(hops[2].Items("probes"), p => Assert.Equal("rst", p.Text("answer")));
        Assert.Equal("closed", json.Prop("verdict").Text("state"));
        Assert.Equal("conn-refused", json.Prop("verdict").Text("reason"));
    }

    [Theory]
    [InlineData(AddressFamily.InterNetwork)]
    [InlineData(AddressFamily.InterNetworkV6)]
    public async Task NotRoot_TcpTrace_NeedsNoPrivileges(AddressFamily family)
    {
        chain.Require();

        var run = await chain.RunReachAsync(["trace", Target(family), Port(OpenPort), "--json", "-n"], user: Nobody);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal([Router1(family), Router2(family), Target(family)], run.Json.Items("hops").Select(h => h.Text("address")));
    }

    [Fact]
    public async Task NotRoot_IcmpTrace_UsesUnprivilegedIcmpSockets_WhenPingGroupRangeAllows_ElseSaysWhyInOneLine()
    {
        chain.Require();
        try
        {
            chain.SetPingGroupRange("1 0");
            var refused = await chain.RunReachAsync(["trace", TargetV4, "-n"], user: Nobody);
            chain.SetPingGroupRange("0 2147483647");
            var allowed = await chain.RunReachAsync(["trace", TargetV6, "--json", "-n"], user: Nobody);

            Assert.Equal(1, refused.ExitCode);
            Assert.Empty(refused.StdOut);
            Assert.Single(refused.StdErr.TrimEnd().Split('\n'));
            Assert.Contains("ICMP traceroute needs root", refused.StdErr, StringComparison.Ordinal);
            Assert.Contains("ping_group_range", refused.StdErr, StringComparison.Ordinal);

            Assert.Equal(0, allowed.ExitCode);
            Assert.Equal([Router1V6, Router2V6, TargetV6], allowed.Json.Items("hops").Select(h => h.Text("address")));
        }
        finally
        {
            chain.SetPingGroupRange("1 0");
        }
    }

    private static void AssertEveryProbeAnswered(IReadOnlyList<JsonElement> hops) =>
        Assert.All(hops.SelectMany(h => h.Items("probes")), p => Assert.True(p.Number("rtt_ms") > 0, p.GetRawText()));

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
