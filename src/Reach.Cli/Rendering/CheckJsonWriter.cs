using System.Text.Json;
using Reach.Checking;
using Reach.Output;

namespace Reach.Cli.Rendering;

/// <summary>Writes the one JSON document of <c>reach check --json</c>: a target object, or a list document.</summary>
internal static class CheckJsonWriter
{
    public static void Write(TextWriter writer, CheckRun run, bool isList)
    {
        var json = isList
            ? JsonSerializer.Serialize(CheckJsonMapper.ToJson(run), ReachJsonContext.Default.CheckRunJson)
            : JsonSerializer.Serialize(CheckJsonMapper.ToJson(run.Reports[0]), ReachJsonContext.Default.TargetJson);
        writer.WriteLine(json);
    }
}
