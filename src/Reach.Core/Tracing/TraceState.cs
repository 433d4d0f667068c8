using System.Text.Json.Serialization;

namespace Reach.Tracing;

/// <summary>The outcome of a trace: reached / not-reached for ICMP, nmap's port states for TCP.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TraceState>))]
public enum TraceState
{
    [JsonStringEnumMemberName("reached")] Reached,
    [JsonStringEnumMemberName("not-reached")] NotReached,
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("closed")] Closed,
    [JsonStringEnumMemberName("filtered")] Filtered,

    /// <summary>The trace could not run here (no name, no privileges, no route, unsupported OS).</summary>
    [JsonStringEnumMemberName("error")] Error,
}
