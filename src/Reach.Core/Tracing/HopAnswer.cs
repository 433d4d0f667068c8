using System.Text.Json.Serialization;

namespace Reach.Tracing;

/// <summary>What came back for one probe sent with a limited TTL / hop limit.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<HopAnswer>))]
public enum HopAnswer
{
    /// <summary>A router on the way said the TTL ran out (ICMP time exceeded): the path goes on past it.</summary>
    [JsonStringEnumMemberName("time-exceeded")] TimeExceeded,

    /// <summary>The destination answered the ICMP echo.</summary>
    [JsonStringEnumMemberName("echo-reply")] EchoReply,

    /// <summary>The destination accepted the TCP connection: the port is open.</summary>
    [JsonStringEnumMemberName("syn-ack")] SynAck,

    /// <summary>The destination (or a device speaking for it) answered RST: the port is closed.</summary>
    [JsonStringEnumMemberName("rst")] Reset,

    /// <summary>An ICMP destination-unreachable (a REJECT, no route, port unreachable): the path ends there.</summary>
    [JsonStringEnumMemberName("unreachable")] Unreachable,

    /// <summary>Nothing came back before the timeout.</summary>
    [JsonStringEnumMemberName("no-answer")] NoAnswer,

    /// <summary>This host could not send the probe (no route, no socket): says nothing about the path.</summary>
    [JsonStringEnumMemberName("local-error")] LocalError,
}
