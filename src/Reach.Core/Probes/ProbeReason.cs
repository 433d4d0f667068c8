using System.Text.Json.Serialization;

namespace Reach.Probes;

/// <summary>Why a probe got its state, in nmap's words.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProbeReason>))]
public enum ProbeReason
{
    [JsonStringEnumMemberName("syn-ack")] SynAck,
    [JsonStringEnumMemberName("conn-refused")] ConnRefused,
    [JsonStringEnumMemberName("no-response")] NoResponse,
    [JsonStringEnumMemberName("host-unreach")] HostUnreach,
    [JsonStringEnumMemberName("net-unreach")] NetUnreach,
    [JsonStringEnumMemberName("admin-prohibited")] AdminProhibited,
    [JsonStringEnumMemberName("port-unreach")] PortUnreach,

    /// <summary>The kernel connected the socket to itself (TCP self-connect): nothing listens there.</summary>
    [JsonStringEnumMemberName("self-connect")] SelfConnect,

    [JsonStringEnumMemberName("local-error")] LocalError,
}
