using System.Text.Json.Serialization;

namespace Reach.Probes;

/// <summary>
/// Why a probe got its state, in nmap's words where nmap has one: a TCP connect (scan, check, wait, ping, watch), an
/// ICMP echo (ping, watch), and how a trace ended. One enum for all of them, so a word is written down once.
/// </summary>
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

    /// <summary>The destination answered the ICMP echo (trace).</summary>
    [JsonStringEnumMemberName("echo-reply")] EchoReply,

    /// <summary>The name did not resolve, so nothing was sent (trace).</summary>
    [JsonStringEnumMemberName("unresolved")] Unresolved,

    /// <summary>This process cannot send the probes here: no privileges, an unsupported OS (trace).</summary>
    [JsonStringEnumMemberName("unavailable")] Unavailable,

    /// <summary>A router on the way said the TTL ran out before the echo got there (ping).</summary>
    [JsonStringEnumMemberName("ttl-exceeded")] TtlExceeded,

    /// <summary>An ICMP destination unreachable that did not say which kind (reach watch's icmp checks).</summary>
    [JsonStringEnumMemberName("unreachable")] Unreachable,

    /// <summary>The name did not resolve, so nothing was sent (reach watch's word for <see cref="Unresolved"/>).</summary>
    [JsonStringEnumMemberName("resolve-failed")] ResolveFailed,

    /// <summary>The probe itself failed (a bug or a local failure), not the target's answer (reach watch).</summary>
    [JsonStringEnumMemberName("probe-failed")] ProbeFailed,
}
