using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reach.External;

namespace Reach.Output;

/// <summary>
/// Source-generated System.Text.Json metadata for every JSON document Reach.Core defines: no reflection, safe for
/// trimming and NativeAOT. <see cref="JsonSerializerContext"/>'s Default writes the CLI's documents (snake_case,
/// indented); <see cref="Wire"/> writes and reads the reflector protocol.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true)]
[JsonSerializable(typeof(CheckRunJson))]
[JsonSerializable(typeof(TargetJson))]
[JsonSerializable(typeof(ScanPortJson))]
[JsonSerializable(typeof(ScanUnresolvedJson))]
[JsonSerializable(typeof(ScanTargetJson))]
[JsonSerializable(typeof(ScanHostJson))]
[JsonSerializable(typeof(ScanSummaryJson))]
[JsonSerializable(typeof(ScanDocumentJson))]
[JsonSerializable(typeof(PingProbeJson))]
[JsonSerializable(typeof(PingSummaryJson))]
[JsonSerializable(typeof(TraceJson))]
[JsonSerializable(typeof(SocketsDocumentJson))]
[JsonSerializable(typeof(SocketJson))]
[JsonSerializable(typeof(BaselineDiffJson))]
[JsonSerializable(typeof(WhoDocumentJson))]
[JsonSerializable(typeof(Sockets.Baseline.BaselineDocument))]
[JsonSerializable(typeof(ReflectorIpWire))]
[JsonSerializable(typeof(ReflectorCheckRequestWire))]
[JsonSerializable(typeof(ReflectorCheckWire))]
[JsonSerializable(typeof(ReflectorErrorWire))]
public sealed partial class ReachJsonContext : JsonSerializerContext
{
    private static ReachJsonContext? s_wire;

    /// <summary>
    /// The reflector protocol (<see cref="ReflectorIpWire"/> and its siblings), for <c>reach serve</c> and
    /// <see cref="ReflectorClient"/> alike: compact, snake_case, and quotes and apostrophes left readable (not
    /// <c>\u0022</c>): the answers are JSON documents, never pasted into HTML. Built on first use, so the CLI's other
    /// commands never pay for it.
    /// </summary>
    public static ReachJsonContext Wire => LazyInitializer.EnsureInitialized(ref s_wire, static () =>
        new(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
}
