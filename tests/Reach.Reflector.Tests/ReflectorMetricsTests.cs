using System.Text;
using Reach.Probes;

namespace Reach.Reflector.Tests;

public class ReflectorMetricsTests
{
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
