using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Reach.Checking;
using Reach.External;
using Reach.Pinging;
using Reach.Probes;
using Reach.Waiting;

namespace Reach.Output;

/// <summary>
/// Source-generated System.Text.Json metadata for every JSON contract Reach.Core defines, the one place they are listed:
/// the CLI's documents, <c>reach external --json</c> and the reflector protocol. No reflection: safe for trimming and
/// NativeAOT. (The words of enums are read from the enums themselves: <see cref="EnumWords{T}"/>.)
/// Three instances, one per option set, so every document keeps its bytes: <see cref="JsonSerializerContext"/>'s
/// Default (snake_case, indented: the CLI's documents), <see cref="Compact"/>
/// (the same on one line: JSON Lines) and <see cref="Wire"/> (the reflector protocol).
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
[JsonSerializable(typeof(ExternalReportJson))]
public sealed partial class ReachJsonContext : JsonSerializerContext
{
    private static ReachJsonContext? s_compact;
    private static ReachJsonContext? s_wire;

    /// <summary>Default's options on one line: the JSON Lines outputs (<c>--jsonl</c>). Built on first use.</summary>
    public static ReachJsonContext Compact => LazyInitializer.EnsureInitialized(ref s_compact, static () =>
        new(new JsonSerializerOptions(Default.Options) { WriteIndented = false }));

    /// <summary>
    /// The reflector protocol (<see cref="ReflectorIpWire"/> and its siblings), for <c>reach serve</c> and
    /// <see cref="ReflectorClient"/> alike: compact, snake_case, and quotes and apostrophes left readable (not
    /// <c>\u0022</c>): the answers are JSON documents, never pasted into HTML. Built on first use, so the CLI's other
    /// commands never pay for it.
    /// </summary>
    public static ReachJsonContext Wire => LazyInitializer.EnsureInitialized(ref s_wire, static () =>
        new(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
}
