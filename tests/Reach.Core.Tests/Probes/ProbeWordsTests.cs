using System.Text.Json;
using Reach.Output;
using Reach.Probes;
using Reach.Tracing;

namespace Reach.Core.Tests.Probes;

public class ProbeWordsTests
{
    [Fact]
    public void Words_AreWhatScanJsonWrites_ForEveryStateAndReason()
    {
        foreach (var state in Enum.GetValues<PortState>())
        {
            foreach (var reason in Enum.GetValues<ProbeReason>())
            {
                var port = new ScanPortJson("port", "web01", "10.0.0.5", 443, "tcp", state, reason, null, null);
                using var json = JsonDocument.Parse(JsonSerializer.Serialize(port, ReachJsonContext.Default.ScanPortJson));

                Assert.Equal(json.RootElement.GetProperty("state").GetString(), state.ToWord());
                Assert.Equal(json.RootElement.GetProperty("reason").GetString(), reason.ToWord());
            }
        }
    }

    [Fact]
    public void StateWords_AreNmaps()
    {
        Assert.Equal(["open", "closed", "filtered", "error"], Enum.GetValues<PortState>().Select(s => s.ToWord()));
    }

    [Fact]
    public void ReasonWords_AreNmaps()
    {
        Assert.Equal(
            ["syn-ack", "conn-refused", "no-response", "host-unreach", "net-unreach", "admin-prohibited", "port-unreach", "self-connect", "local-error",
             "echo-reply", "unresolved", "unavailable", "ttl-exceeded", "unreachable", "resolve-failed", "probe-failed"],
            Enum.GetValues<ProbeReason>().Select(r => r.ToWord()));
    }

    [Theory]
    [InlineData(ProbeReason.EchoReply, "echo-reply")]
    [InlineData(ProbeReason.SynAck, "syn-ack")]
    [InlineData(ProbeReason.ConnRefused, "conn-refused")]
    [InlineData(ProbeReason.NoResponse, "no-response")]
    [InlineData(ProbeReason.HostUnreach, "host-unreach")]
    [InlineData(ProbeReason.NetUnreach, "net-unreach")]
    [InlineData(ProbeReason.AdminProhibited, "admin-prohibited")]
    [InlineData(ProbeReason.PortUnreach, "port-unreach")]
    [InlineData(ProbeReason.Unresolved, "unresolved")]
    [InlineData(ProbeReason.Unavailable, "unavailable")]
    [InlineData(ProbeReason.LocalError, "local-error")]
    public void TraceVerdictJson_WritesTheDocumentedReasonWords(ProbeReason reason, string word)
    {
        var verdict = new TraceVerdictJson(TraceState.Error, reason, null, null, "explained");
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(verdict, ReachJsonContext.Default.TraceVerdictJson));

        Assert.Equal(word, json.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public void TryParse_ReadsEveryWordBack()
    {
        foreach (var state in Enum.GetValues<PortState>())
        {
            Assert.True(ProbeWords.TryParse(state.ToWord(), out PortState parsed));
            Assert.Equal(state, parsed);
        }

        foreach (var reason in Enum.GetValues<ProbeReason>())
        {
            Assert.True(ProbeWords.TryParse(reason.ToWord(), out ProbeReason parsed));
            Assert.Equal(reason, parsed);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Open")]
    [InlineData("unknown-state")]
    public void TryParse_OtherWords_AreNoState(string? word) => Assert.False(ProbeWords.TryParse(word, out PortState _));
}
