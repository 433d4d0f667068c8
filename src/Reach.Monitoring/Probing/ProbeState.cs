using System.Text.Json.Serialization;
using Reach.Probes;

namespace Reach.Monitoring.Probing;

/// <summary>What one watch probe found, in the words the store keeps (<c>results.state</c>, <c>targets.last_state</c>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProbeState>))]
internal enum ProbeState
{
    /// <summary>tcp: <see cref="PortState.Open"/>, the same word.</summary>
    [JsonStringEnumMemberName("open")] Open,

    /// <summary>tcp: <see cref="PortState.Closed"/>.</summary>
    [JsonStringEnumMemberName("closed")] Closed,

    /// <summary>tcp: <see cref="PortState.Filtered"/>.</summary>
    [JsonStringEnumMemberName("filtered")] Filtered,

    /// <summary>Either: a local failure, or the probe itself failed (<see cref="PortState.Error"/>).</summary>
    [JsonStringEnumMemberName("error")] Error,

    /// <summary>icmp: the host answered the echo.</summary>
    [JsonStringEnumMemberName("up")] Up,

    /// <summary>icmp: no echo reply, or an unreachable instead.</summary>
    [JsonStringEnumMemberName("down")] Down,

    /// <summary>Either: the name did not resolve, so nothing was sent.</summary>
    [JsonStringEnumMemberName("unresolved")] Unresolved,

    /// <summary>tls: the port answered but no TLS handshake completed.</summary>
    [JsonStringEnumMemberName("handshake-failed")] HandshakeFailed,

    /// <summary>tls: the handshake completed with a certificate a client would not trust.</summary>
    [JsonStringEnumMemberName("untrusted")] Untrusted,

    /// <summary>tls: the certificate has fewer days left than the check's <c>fail_days</c>.</summary>
    [JsonStringEnumMemberName("expiring")] Expiring,

    /// <summary>http: the port answered but no HTTP answer came (reset, garbage, timeout, failed handshake).</summary>
    [JsonStringEnumMemberName("http-failed")] HttpFailed,

    /// <summary>http: an answer whose status code is not one the check accepts.</summary>
    [JsonStringEnumMemberName("bad-status")] BadStatus,

    /// <summary>http: the body does not hold the check's <c>body</c> / <c>body_regex</c>.</summary>
    [JsonStringEnumMemberName("body-mismatch")] BodyMismatch,

    /// <summary>http: the whole answer took longer than the check's <c>max_response_time</c>.</summary>
    [JsonStringEnumMemberName("slow")] Slow,

    /// <summary>expect: the answer did not hold what the check expects (or none came).</summary>
    [JsonStringEnumMemberName("no-match")] NoMatch,
}
