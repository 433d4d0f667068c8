using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Reach.Reflector;

/// <summary><c>GET /v1/ip</c>.</summary>
internal sealed record IpAnswer(string Ip);

/// <summary><c>POST /v1/check</c>: the address probed (the caller's) and one result per port.</summary>
internal sealed record CheckAnswer(string Ip, IReadOnlyList<PortResult> Results);

/// <summary>Every error: one sentence naming the bad part.</summary>
internal sealed record ErrorAnswer(string Error);

/// <summary>Source-generated, snake_case JSON (no reflection: the NativeAOT binary serves it).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(IpAnswer))]
[JsonSerializable(typeof(CheckAnswer))]
[JsonSerializable(typeof(ErrorAnswer))]
internal sealed partial class ReflectorJsonContext : JsonSerializerContext
{
    /// <summary>Like <see cref="JsonSerializerContext"/>'s Default, but quotes and apostrophes stay readable (not \u0022):
    /// the answers are JSON documents, never pasted into HTML.</summary>
    public static ReflectorJsonContext Readable { get; } = new(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
