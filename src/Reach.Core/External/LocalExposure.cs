using System.Text.Json.Serialization;

namespace Reach.External;

/// <summary>Whether a connection from outside, arriving at this host, finds a listener on the port.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<LocalExposure>))]
public enum LocalExposure
{
    /// <summary>The socket table could not be read.</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,

    /// <summary>No TCP listener on the port.</summary>
    [JsonStringEnumMemberName("nothing-listens")] NothingListens,

    /// <summary>Only 127.0.0.1 / ::1: this machine alone can connect.</summary>
    [JsonStringEnumMemberName("loopback-only")] LoopbackOnly,

    /// <summary>Bound to other addresses only (another interface, IPv6-only while connections come over IPv4).</summary>
    [JsonStringEnumMemberName("other-address")] OtherAddress,

    /// <summary>A wildcard (0.0.0.0, ::) or the very address connections from outside arrive at.</summary>
    [JsonStringEnumMemberName("listens")] Listens,
}
