using System.Text.Json.Serialization;

namespace Reach.Monitoring.Store;

/// <summary>Why an alert goes out: stored as its number in the outbox, sent as its word (the alert's <c>event</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertKind>))]
internal enum AlertKind
{
    /// <summary>The target turned DOWN: an incident opened.</summary>
    [JsonStringEnumMemberName("down")] Down = 1,

    /// <summary>The target is UP again: its incident closed.</summary>
    [JsonStringEnumMemberName("recovered")] Recovered = 2,

    /// <summary>Still DOWN after <c>repeat</c>: a reminder for the open incident.</summary>
    [JsonStringEnumMemberName("repeat")] Repeat = 3,

    /// <summary>A certificate has fewer days left than <c>warn_days</c>: sent once, when its warning opens.</summary>
    [JsonStringEnumMemberName("warning")] Warning = 4,

    /// <summary>The certificate was renewed: its warning closed.</summary>
    [JsonStringEnumMemberName("resolved")] Resolved = 5,
}
