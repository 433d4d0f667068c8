using System.Text.Json.Serialization;

namespace Reach.Checking;

/// <summary>The one-word answer for a target.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TargetStatus>))]
public enum TargetStatus
{
    [JsonStringEnumMemberName("open")] Open,
    [JsonStringEnumMemberName("closed")] Closed,
    [JsonStringEnumMemberName("filtered")] Filtered,
    [JsonStringEnumMemberName("error")] Error,
    [JsonStringEnumMemberName("unresolved")] Unresolved,

    /// <summary>The name resolved, but not to an address of the family asked for (-4/-6).</summary>
    [JsonStringEnumMemberName("no-address")] NoAddress,

    /// <summary>No port was given: only ICMP echo was tried, and the host replied.</summary>
    [JsonStringEnumMemberName("reply")] Reply,
    [JsonStringEnumMemberName("no-reply")] NoReply,

    /// <summary>No port was given and ICMP echo could not be sent from here.</summary>
    [JsonStringEnumMemberName("unavailable")] Unavailable,

    /// <summary>With <c>--tls</c>: the port is open, but its TLS fails (no handshake, an untrusted or expiring certificate).</summary>
    [JsonStringEnumMemberName("tls-failed")] TlsFailed,

    /// <summary>The port is open, but a well-known port answers another protocol than its own ("port 443 answers SSH").</summary>
    [JsonStringEnumMemberName("wrong-service")] WrongService,

    /// <summary>The port is open, but its HTTP answer is missing or not an accepted status (<c>--http</c>, URL targets).</summary>
    [JsonStringEnumMemberName("http-failed")] HttpFailed,
}
