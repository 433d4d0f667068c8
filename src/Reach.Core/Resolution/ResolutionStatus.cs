using System.Text.Json.Serialization;

namespace Reach.Resolution;

[JsonConverter(typeof(JsonStringEnumConverter<ResolutionStatus>))]
public enum ResolutionStatus
{
    /// <summary>The target was an address; nothing was looked up.</summary>
    [JsonStringEnumMemberName("literal")] Literal,
    [JsonStringEnumMemberName("resolved")] Resolved,
    [JsonStringEnumMemberName("unresolved")] Unresolved,
}
