using System.Text.Json;
using Reach.Sockets;

namespace Reach.Output;

/// <summary>
/// Writes the <see cref="SocketsDocumentJson"/> of <c>reach sockets --json</c> to a stream socket by socket, flushing
/// as it goes: 20,000 sockets are about 8 MB of JSON, and building the whole document (and its buffer) first cost
/// more page faults than everything else reach does. The bytes equal
/// <c>JsonSerializer.Serialize(SocketsJsonMapper.ToJson(…))</c>.
/// </summary>
public static class SocketsJsonStreamWriter
{
    private const int FlushThreshold = 64 * 1024;

    public static void Write(Stream stream, SocketSnapshot snapshot, IReadOnlyList<SocketView> sockets)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(sockets);
        var options = ReachJsonContext.Default.Options;
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = options.WriteIndented,
            IndentCharacter = options.IndentCharacter,
            IndentSize = options.IndentSize,
            NewLine = options.NewLine,
            Encoder = options.Encoder,
        });

        // The names SnakeCaseLower gives SocketsDocumentJson's properties.
        writer.WriteStartObject();
        writer.WriteNumber("schema_version", SocketsJsonMapper.SchemaVersion);
        writer.WriteString("source", snapshot.Source);
        writer.WriteBoolean("owners_incomplete", snapshot.OwnersIncomplete);
        writer.WriteStartArray("sockets");
        var exposures = SocketsJsonMapper.NewExposureCache();
        foreach (var view in sockets)
        {
            JsonSerializer.Serialize(writer, SocketsJsonMapper.ToJson(view, exposures), ReachJsonContext.Default.SocketJson);
            if (writer.BytesPending > FlushThreshold)
            {
                writer.Flush();
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
    }
}
