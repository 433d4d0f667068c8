using System.Text.Json.Serialization;

namespace Reach.External;

/// <summary>How this host's address relates to the address the internet sees.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<NatKind>))]
public enum NatKind
{
    /// <summary>The public address is one of this host's own: connections arrive here directly (firewalls aside).</summary>
    [JsonStringEnumMemberName("none")] None,

    /// <summary>A router translates: a port is reachable only when the router forwards it to this host.</summary>
    [JsonStringEnumMemberName("nat")] Nat,

    /// <summary>This host's address is in 100.64.0.0/10: the provider translates too, so a home router's forward cannot help.</summary>
    [JsonStringEnumMemberName("carrier-grade-nat")] CarrierGradeNat,
}
