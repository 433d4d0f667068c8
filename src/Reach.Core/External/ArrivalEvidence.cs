using System.Text.Json.Serialization;

namespace Reach.External;

/// <summary>
/// Whether the reflector's connection attempts (TCP SYNs) reached this host during the check, as a packet socket saw
/// them before the host firewall: tells "this host's firewall drops it" from "it is dropped before it gets here".
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<ArrivalEvidence>))]
public enum ArrivalEvidence
{
    /// <summary>Not watched (not root, not Linux, or the packet socket failed).</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,

    /// <summary>A SYN to the port arrived on an interface of this host.</summary>
    [JsonStringEnumMemberName("arrived")] Arrived,

    /// <summary>Watched, and no SYN to the port arrived.</summary>
    [JsonStringEnumMemberName("not-arrived")] NotArrived,
}
