using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Reach.Cli.Infrastructure;
using Reach.Output;
using Reach.Sockets;
using Reach.Sockets.Baseline;

namespace Reach.Cli.Rendering.Sockets;

/// <summary><c>reach sockets --json</c> and <c>reach who --json</c>: one document (docs/sockets.md).</summary>
internal static class SocketsJsonWriter
{
    /// <summary>
    /// The socket list: 20,000 sockets are about 8 MB of JSON, written as UTF-8 socket by socket into standard
    /// output's byte stream; a whole document and a string in between cost a copy, a transcode and page faults.
    /// </summary>
    public static void Write(CliConsole console, SocketSnapshot snapshot, IReadOnlyList<SocketView> sockets)
    {
        if (console.OutBytes is { } stream)
        {
            console.Out.Flush();
            SocketsJsonStreamWriter.Write(stream, snapshot, sockets);
            stream.WriteByte((byte)'\n');
            stream.Flush();
            return;
        }

        Write(console.Out, SocketsJsonMapper.ToJson(snapshot, sockets), ReachJsonContext.Default.SocketsDocumentJson);
    }

    public static void Write(TextWriter writer, BaselineDiff diff, string baselinePath) =>
        Write(writer, SocketsJsonMapper.ToJson(diff, baselinePath), ReachJsonContext.Default.BaselineDiffJson);

    /// <summary><c>reach who PORT --json</c>.</summary>
    public static void Write(TextWriter writer, SocketSnapshot snapshot, int port, IReadOnlyList<ListenerOwner> owners) =>
        Write(writer, SocketsJsonMapper.ToJson(snapshot, port, owners), ReachJsonContext.Default.WhoDocumentJson);

    private static void Write<T>(TextWriter writer, T document, JsonTypeInfo<T> type) =>
        writer.WriteLine(JsonSerializer.Serialize(document, type));
}
