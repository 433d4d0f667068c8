using System.Text.Json.Serialization;

namespace Reach.Monitoring.Alerts;

/// <summary>The target's status an alert reports, in capitals as the alerts say it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertStatus>))]
internal enum AlertStatus
{
    [JsonStringEnumMemberName("UP")] Up,
    [JsonStringEnumMemberName("DOWN")] Down,
    [JsonStringEnumMemberName("WARNING")] Warning,
}
