using System.Text.Json.Serialization;

namespace Reach.Tracing;

/// <summary>Why a trace ended as it did, in nmap's words where nmap has one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TraceReason>))]
public enum TraceReason
{
    [JsonStringEnumMemberName("echo-reply")] EchoReply,
    [JsonStringEnumMemberName("syn-ack")] SynAck,
    [JsonStringEnumMemberName("conn-refused")] ConnRefused,
    [JsonStringEnumMemberName("no-response")] NoResponse,
    [JsonStringEnumMemberName("host-unreach")] HostUnreach,
    [JsonStringEnumMemberName("net-unreach")] NetUnreach,
    [JsonStringEnumMemberName("admin-prohibited")] AdminProhibited,
    [JsonStringEnumMemberName("port-unreach")] PortUnreach,
    [JsonStringEnumMemberName("unresolved")] Unresolved,
    [JsonStringEnumMemberName("unavailable")] Unavailable,
    [JsonStringEnumMemberName("local-error")] LocalError,
}
