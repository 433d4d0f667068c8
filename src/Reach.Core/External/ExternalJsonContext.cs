using System.Text.Json.Serialization;

namespace Reach.External;

/// <summary>Source-generated JSON for the reflector's wire format and <c>reach external --json</c>: no reflection, AOT-safe.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true)]
[JsonSerializable(typeof(ReflectorIpWire))]
[JsonSerializable(typeof(ReflectorCheckRequestWire))]
[JsonSerializable(typeof(ReflectorCheckWire))]
[JsonSerializable(typeof(ReflectorErrorWire))]
[JsonSerializable(typeof(ExternalReportJson))]
public sealed partial class ExternalJsonContext : JsonSerializerContext;
