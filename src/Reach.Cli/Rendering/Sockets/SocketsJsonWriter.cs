using System.Text.Json;
using Reach.Output;
using Reach.Sockets;
using Reach.Sockets.Baseline;

namespace Reach.Cli.Rendering.Sockets;

/// <summary><c>--json</c>: one document (docs/sockets.md).</summary>
internal static class SocketsJsonWriter
{
    public static void Write(TextWriter writer, SocketSnapshot snapshot, IReadOnlyList<SocketView> sockets) =>
        writer.WriteLine(JsonSerializer.Serialize(SocketsJsonMapper.ToJson(snapshot, sockets), ReachJsonContext.Default.SocketsDocumentJson));

    public static void Write(TextWriter writer, BaselineDiff diff, string baselinePath) =>
        writer.WriteLine(JsonSerializer.Serialize(SocketsJsonMapper.ToJson(diff, baselinePath), ReachJsonContext.Default.BaselineDiffJson));
}
