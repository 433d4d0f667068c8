using System.Text;
using System.Text.Json;
using Reach.External;
using Reach.Probes;

namespace Reach.Reflector.Tests;

public class PortResultTests
{
    [Fact]
    public void CheckAnswer_WritesNmapsWords_ThatTheClientReadsBack()
    {
        foreach (var state in Enum.GetValues<PortState>())
        {
            foreach (var reason in Enum.GetValues<ProbeReason>())
            {
                var answer = new CheckAnswer("203.0.113.7", [new PortResult(443, state, reason, null, "explained")]);
                var json = JsonSerializer.Serialize(answer, ReflectorJsonContext.Readable.CheckAnswer);

                var wire = Assert.Single(JsonSerializer.Deserialize(json, ExternalJsonContext.Default.ReflectorCheckWire)!.Results!);
                Assert.Equal((state.ToWord(), reason.ToWord()), (wire.State, wire.Reason));
                Assert.True(ProbeWords.TryParse(wire.State, out PortState readState));
                Assert.True(ProbeWords.TryParse(wire.Reason, out ProbeReason readReason));
                Assert.Equal((state, reason), (readState, readReason));
            }
        }
    }

    [Fact]
    public async Task Metrics_CountProbesByStateWord()
    {
        var metrics = new ReflectorMetrics();
        metrics.Probed(PortState.Filtered);

        using var text = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(text, TestContext.Current.CancellationToken);

        Assert.Contains("reach_reflector_probes_total{state=\"filtered\"} 1", Encoding.UTF8.GetString(text.ToArray()), StringComparison.Ordinal);
    }
}
