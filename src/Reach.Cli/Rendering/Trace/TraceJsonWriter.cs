using System.Text.Json;
using Reach.Output;
using Reach.Tracing;

namespace Reach.Cli.Rendering.Trace;

/// <summary>Writes the one JSON document of <c>reach trace --json</c> (docs/trace-json.md).</summary>
internal static class TraceJsonWriter
{
    public static void Write(TextWriter writer, TraceResult result) =>
        writer.WriteLine(JsonSerializer.Serialize(TraceJsonMapper.ToJson(result), ReachJsonContext.Default.TraceJson));
}
