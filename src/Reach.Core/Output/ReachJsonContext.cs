using System.Text.Json.Serialization;

namespace Reach.Output;

/// <summary>Source-generated System.Text.Json metadata: no reflection, safe for trimming and NativeAOT.</summary>
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
public sealed partial class ReachJsonContext : JsonSerializerContext;
