using System.Net;
using System.Text.Json;
using Reach.Output;
using Reach.Pinging;

namespace Reach.Cli.Rendering.Ping;

/// <summary><c>reach ping --json</c>: one "probe" object per line as probes complete, then one "summary" (docs/ping-json.md).</summary>
internal sealed class PingJsonLinesOutput(TextWriter writer, string target, int? port) : IPingOutput
{
    public void Started(string host, IPAddress address)
    {
    }

    public void Probed(PingResult result)
    {
        writer.WriteLine(JsonSerializer.Serialize(PingJsonMapper.ToJson(result, target, port), ReachJsonContext.Compact.PingProbeJson));
        writer.Flush();
    }

    public void Finish(PingRun run)
    {
        writer.WriteLine(JsonSerializer.Serialize(PingJsonMapper.ToJson(run, target, port), ReachJsonContext.Compact.PingSummaryJson));
        writer.Flush();
    }
}
