using System.Text.Json.Serialization;

namespace Reach.Tracing;

/// <summary>What a trace sends: ICMP echo requests, or TCP SYNs to a port.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TraceMode>))]
public enum TraceMode
{
    [JsonStringEnumMemberName("icmp")] Icmp,
    [JsonStringEnumMemberName("tcp")] Tcp,
}
