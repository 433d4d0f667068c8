using System.Text.Json.Serialization;

namespace Reach.Probes;

/// <summary>nmap's port states, plus <see cref="Error"/> for a probe that could not be made here.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PortState>))]
public enum PortState
{
    /// <summary>A TCP handshake completed: something accepts connections.</summary>
    [JsonStringEnumMemberName("open")] Open,

    /// <summary>The host answered, but nothing listens (RST).</summary>
    [JsonStringEnumMemberName("closed")] Closed,

    /// <summary>No answer from the port, or an ICMP error instead of one: a firewall, a dead host, a broken route.</summary>
    [JsonStringEnumMemberName("filtered")] Filtered,

    /// <summary>A local failure (no free ports, no file descriptors, denied by the local host): no verdict on the target.</summary>
    [JsonStringEnumMemberName("error")] Error,
}
