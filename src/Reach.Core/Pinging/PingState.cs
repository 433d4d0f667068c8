using System.Text.Json.Serialization;

namespace Reach.Pinging;

/// <summary>What one probe of <c>reach ping</c> found: a TCP port's state, the answer to an ICMP echo, or no address.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PingState>))]
public enum PingState
{
    /// <summary>TCP: the connection was accepted (<see cref="Probes.PortState.Open"/>, the same word).</summary>
    [JsonStringEnumMemberName("open")] Open,

    /// <summary>TCP: refused (<see cref="Probes.PortState.Closed"/>).</summary>
    [JsonStringEnumMemberName("closed")] Closed,

    /// <summary>TCP: no answer, or an ICMP error instead (<see cref="Probes.PortState.Filtered"/>).</summary>
    [JsonStringEnumMemberName("filtered")] Filtered,

    /// <summary>TCP: the probe could not be made here (<see cref="Probes.PortState.Error"/>).</summary>
    [JsonStringEnumMemberName("error")] Error,

    /// <summary>ICMP: the echo was answered.</summary>
    [JsonStringEnumMemberName("reply")] Reply,

    /// <summary>ICMP: no echo reply before the timeout (or a router said the TTL ran out).</summary>
    [JsonStringEnumMemberName("no-reply")] NoReply,

    /// <summary>ICMP: a destination unreachable came back instead of the reply.</summary>
    [JsonStringEnumMemberName("unreachable")] Unreachable,

    /// <summary>ICMP: this process may not send echoes here.</summary>
    [JsonStringEnumMemberName("unavailable")] Unavailable,

    /// <summary>Either: the name did not resolve for this probe, so nothing was sent.</summary>
    [JsonStringEnumMemberName("unresolved")] Unresolved,
}
