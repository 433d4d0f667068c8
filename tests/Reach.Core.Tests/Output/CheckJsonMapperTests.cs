using System.Net;
using System.Text.Json;
using Reach.Checking;
using Reach.Output;
using Reach.Pinging;
using Reach.Probes;
using Reach.Resolution;
using Reach.Targets;

namespace Reach.Core.Tests.Output;

public class CheckJsonMapperTests
{
    private static TargetReport Report(PortState state, ProbeReason reason, TimeSpan? rtt)
    {
        Assert.True(TargetParser.TryParse("web01:https", out var target, out _));
        var address = IPAddress.Parse("10.0.0.5");
        var probe = new TcpProbeResult(new IPEndPoint(address, 443), state, reason, rtt, new IPEndPoint(IPAddress.Parse("10.0.0.2"), 50000));
        var ping = new PingOutcome(PingStatus.Reply, address, TimeSpan.FromMilliseconds(1));
        var check = new AddressCheck(probe, ping, null, "explained");
        var status = state == PortState.Open ? TargetStatus.Open : TargetStatus.Filtered;
        return new TargetReport(target, new ResolutionResult("web01", ResolutionStatus.Resolved, [address, IPAddress.Parse("fd00::5")]),
            [address], [check], status, "explained", []);
    }

    [Fact]
    public void TargetDocument_HasTheDocumentedFields_InSnakeCase_WithNmapWords()
    {
        var json = JsonSerializer.Serialize(CheckJsonMapper.ToJson(Report(PortState.Open, ProbeReason.SynAck, TimeSpan.FromTicks(12_346))), ReachJsonContext.Default.TargetJson);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal("web01:443", root.GetProperty("target").GetString());
        Assert.Equal(443, root.GetProperty("port").GetInt32());
        Assert.Equal("https", root.GetProperty("service").GetString());
        Assert.Equal(["10.0.0.5", "fd00::5"], root.GetProperty("addresses").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("reply", root.GetProperty("ping").GetProperty("status").GetString());
        Assert.True(root.GetProperty("reachable").GetBoolean());
        Assert.Equal("open", root.GetProperty("status").GetString());

        var result = root.GetProperty("results")[0];
        Assert.Equal("10.0.0.5", result.GetProperty("address").GetString());
        Assert.Equal(443, result.GetProperty("port").GetInt32());
        Assert.Equal("open", result.GetProperty("state").GetString());
        Assert.Equal("syn-ack", result.GetProperty("reason").GetString());
        Assert.Equal(1.235, result.GetProperty("rtt_ms").GetDouble(), 6); // microsecond precision
        Assert.Equal("10.0.0.2:50000", result.GetProperty("source").GetString());
        Assert.False(result.TryGetProperty("route", out _));
    }

    [Fact]
    public void FilteredWithoutAnswer_HasNullRtt()
    {
        var json = JsonSerializer.Serialize(CheckJsonMapper.ToJson(Report(PortState.Filtered, ProbeReason.AdminProhibited, null)), ReachJsonContext.Default.TargetJson);
        using var doc = JsonDocument.Parse(json);
        var result = doc.RootElement.GetProperty("results")[0];

        Assert.Equal("filtered", result.GetProperty("state").GetString());
        Assert.Equal("admin-prohibited", result.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("rtt_ms").ValueKind);
    }

    [Fact]
    public void RunDocument_HasTargetsSummaryAndReachable()
    {
        var run = new CheckRun([Report(PortState.Open, ProbeReason.SynAck, TimeSpan.FromMilliseconds(1)), Report(PortState.Filtered, ProbeReason.NoResponse, null)], TimeSpan.FromSeconds(1.5));
        var json = JsonSerializer.Serialize(CheckJsonMapper.ToJson(run), ReachJsonContext.Default.CheckRunJson);
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        Assert.Equal(2, root.GetProperty("targets").GetArrayLength());
        Assert.False(root.GetProperty("reachable").GetBoolean());
        Assert.Equal(2, root.GetProperty("summary").GetProperty("total").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("open").GetInt32());
        Assert.Equal(1, root.GetProperty("summary").GetProperty("filtered").GetInt32());
        Assert.Equal(1500, root.GetProperty("duration_ms").GetDouble());
    }
}
