using System.Text.Json.Serialization;

namespace Reach.Sockets;

/// <summary>Who can reach an address, from narrowest to widest; the order is used to compare exposures.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AddressScope>))]
public enum AddressScope
{
    /// <summary>127.0.0.0/8, ::1: only this machine.</summary>
    [JsonStringEnumMemberName("loopback")] Loopback,

    /// <summary>169.254.0.0/16, fe80::/10: only hosts on the same link.</summary>
    [JsonStringEnumMemberName("link-local")] LinkLocal,

    /// <summary>RFC 1918, 100.64.0.0/10 (CGNAT), fc00::/7: hosts of the same private network.</summary>
    [JsonStringEnumMemberName("private")] Private,

    /// <summary>Everything else: possibly the whole internet, firewalls aside.</summary>
    [JsonStringEnumMemberName("public")] Public,
}
