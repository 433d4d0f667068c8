using System.Text.Json.Serialization;

namespace Reach.Pinging;

[JsonConverter(typeof(JsonStringEnumConverter<PingStatus>))]
public enum PingStatus
{
    [JsonStringEnumMemberName("reply")] Reply,
    [JsonStringEnumMemberName("no-reply")] NoReply,

    /// <summary>This process may not send ICMP echo here (no raw socket, no ping helper).</summary>
    [JsonStringEnumMemberName("unavailable")] Unavailable,
    [JsonStringEnumMemberName("skipped")] Skipped,
}
