using System.Text.Json;
using System.Text.Json.Serialization;
using Reach.Monitoring.Alerts;
using Reach.Monitoring.Http;
using Reach.Monitoring.Probing;
using Reach.Monitoring.Store;

namespace Reach.Monitoring.Json;

/// <summary>
/// Source-generated JSON metadata for every JSON contract of <c>reach watch</c>, the one place they are listed: the
/// HTTP API's answers (<see cref="ApiTarget"/> and its siblings), the webhook bodies (<see cref="AlertEvent"/>, Slack,
/// Teams, Telegram). No reflection: the NativeAOT binary
/// serves them. Two instances, one per option set, so every body keeps its bytes: <see cref="JsonSerializerContext"/>'s
/// Default (snake_case, compact, nulls written: the API) and
/// <see cref="Webhook"/>.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(List<ApiTarget>))]
[JsonSerializable(typeof(ApiTarget))]
[JsonSerializable(typeof(List<ApiIncident>))]
[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(ApiMeta))]
[JsonSerializable(typeof(ApiSeries))]
[JsonSerializable(typeof(AlertEvent))]
[JsonSerializable(typeof(SlackPayload))]
[JsonSerializable(typeof(TeamsPayload))]
[JsonSerializable(typeof(TelegramPayload))]
[JsonSerializable(typeof(ProbeDetails))]
internal sealed partial class WatchJsonContext : JsonSerializerContext
{
    private static WatchJsonContext? s_webhook;

    /// <summary>
    /// Webhook bodies: compact, the names each body spells out itself (<c>[JsonPropertyName]</c>, no policy), and a
    /// field that is null left out rather than written as null. Built on first use.
    /// </summary>
    public static WatchJsonContext Webhook => LazyInitializer.EnsureInitialized(ref s_webhook, static () =>
        new(new JsonSerializerOptions { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull }));
}
