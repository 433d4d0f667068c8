using System.Text.Json.Serialization;

namespace Reach.External;

/// <summary>The verdict on one port: what stands between the internet and the service, if anything.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ExternalVerdictKind>))]
public enum ExternalVerdictKind
{
    /// <summary>Open from outside, and a listener here takes it.</summary>
    [JsonStringEnumMemberName("reachable")] Reachable,

    /// <summary>Open from outside, but nothing here takes it: the router forwards it elsewhere, or something in front answers.</summary>
    [JsonStringEnumMemberName("answered-elsewhere")] AnsweredElsewhere,

    /// <summary>Nothing listens on the port here.</summary>
    [JsonStringEnumMemberName("not-listening")] NotListening,

    /// <summary>Listens on loopback only.</summary>
    [JsonStringEnumMemberName("loopback-only")] LoopbackOnly,

    /// <summary>Listens on other addresses than the one connections from outside arrive at.</summary>
    [JsonStringEnumMemberName("wrong-address")] WrongAddress,

    /// <summary>Behind carrier-grade NAT: a forward on the home router cannot help.</summary>
    [JsonStringEnumMemberName("carrier-grade-nat")] CarrierGradeNat,

    /// <summary>Behind NAT, refused from outside (RST): the router has no forward for the port, or forwards it elsewhere.</summary>
    [JsonStringEnumMemberName("not-forwarded")] NotForwarded,

    /// <summary>Behind NAT, dropped or rejected: the host firewall, or the router (no forward, or its firewall).</summary>
    [JsonStringEnumMemberName("filtered-behind-nat")] FilteredBehindNat,

    /// <summary>No NAT, dropped or rejected: the host's or the provider's firewall.</summary>
    [JsonStringEnumMemberName("firewalled")] Firewalled,

    /// <summary>The connection attempts arrived at this host and got no answer (or a reset although it listens): its own firewall.</summary>
    [JsonStringEnumMemberName("host-firewall")] HostFirewall,

    /// <summary>No connection attempt arrived at this host: the router (no forward, its firewall) or the provider drops them.</summary>
    [JsonStringEnumMemberName("dropped-before-host")] DroppedBeforeHost,

    /// <summary>No NAT, refused from outside although something listens here: a firewall that rejects with a reset.</summary>
    [JsonStringEnumMemberName("refused")] Refused,

    /// <summary>The reflector gave no state for the port.</summary>
    [JsonStringEnumMemberName("not-checked")] NotChecked,
}
