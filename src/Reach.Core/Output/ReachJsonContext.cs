using System.Text.Json.Serialization;

namespace Reach.Output;

/// <summary>Source-generated System.Text.Json metadata: no reflection, safe for trimming and NativeAOT.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true)]
[JsonSerializable(typeof(CheckRunJson))]
[JsonSerializable(typeof(TargetJson))]
public sealed partial class ReachJsonContext : JsonSerializerContext;
