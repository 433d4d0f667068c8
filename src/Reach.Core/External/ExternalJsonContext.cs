using System.Text.Json.Serialization;

namespace Reach.External;

/// <summary>Source-generated JSON for <c>reach external --json</c>: no reflection, AOT-safe.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true)]
[JsonSerializable(typeof(ExternalReportJson))]
public sealed partial class ExternalJsonContext : JsonSerializerContext;
