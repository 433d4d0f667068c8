using System.Text.Json;
using Reach.Output;
using Reach.Pinging;
using Reach.Probes;

namespace Reach.Core.Tests.Pinging;

public class PingStateTests
{
    [Fact]
    public void Words_AreTheDocumentedOnes()
    {
        Assert.Equal(
            ["open", "closed", "filtered", "error", "reply", "no-reply", "unreachable", "unavailable", "unresolved"],
            Enum.GetValues<PingState>().Select(s => s.ToWord()));
    }

    [Fact]
    public void Words_AreWhatPingJsonWrites_ForEveryStateAndReason()
    {
        foreach (var state in Enum.GetValues<PingState>())
        {
            foreach (var reason in Enum.GetValues<ProbeReason>())
            {
                var probe = new PingProbeJson("probe", 1, DateTimeOffset.UnixEpoch, "db01", "10.0.0.7", 5432, "tcp", state, reason, null, null, null);
                using var json = JsonDocument.Parse(JsonSerializer.Serialize(probe, ReachJsonContext.Default.PingProbeJson));

                Assert.Equal(json.RootElement.GetProperty("state").GetString(), state.ToWord());
                Assert.Equal(json.RootElement.GetProperty("reason").GetString(), reason.ToWord());
            }
        }
    }

    [Fact]
    public void PortStates_KeepTheirWords()
    {
        Assert.All(Enum.GetValues<PortState>(), state => Assert.Equal(state.ToWord(), TcpPingProbe.State(state).ToWord()));
    }
}
