using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Reach.Output;
using Reach.Sockets;
using Reach.Sockets.Baseline;

namespace Reach.Cli.Rendering.Sockets;

/// <summary><c>--json</c>: one document (docs/sockets.md).</summary>
internal static class SocketsJsonWriter
{
    public static void Write(TextWriter writer, SocketSnapshot snapshot, IReadOnlyList<SocketView> sockets) =>
        Write(writer, SocketsJsonMapper.ToJson(snapshot, sockets), ReachJsonContext.Default.SocketsDocumentJson);

    public static void Write(TextWriter writer, BaselineDiff diff, string baselinePath) =>
        Write(writer, SocketsJsonMapper.ToJson(diff, baselinePath), ReachJsonContext.Default.BaselineDiffJson);

    /// <summary>
    /// Standard output is a <see cref="StreamWriter"/> over descriptor 1 when redirected: serialize UTF-8 straight
    /// into it. 20,000 sockets are about 8 MB of JSON; a string in between costs a copy and a transcode of each byte.
    /// </summary>
    private static void Write<T>(TextWriter writer, T document, JsonTypeInfo<T> type)
    {
        if (writer is StreamWriter { BaseStream: { CanWrite: true } stream } streamWriter)
        {
            streamWriter.Flush();
            JsonSerializer.Serialize(stream, document, type);
            stream.WriteByte((byte)'\n');
            stream.Flush();
            return;
        }

        writer.WriteLine(JsonSerializer.Serialize(document, type));
    }
}
