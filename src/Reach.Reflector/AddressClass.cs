namespace Reach.Reflector;

/// <summary>
/// What kind of address a caller has, after the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890,
/// RFC 8190) and the few blocks those registries leave to others (multicast, deprecated IPv6 forms, the unallocated
/// IPv6 space). <see cref="AddressClasses"/> holds the table; only <see cref="Global"/> callers are probed by default.
/// </summary>
internal enum AddressClass
{
    /// <summary>Globally reachable unicast: no registry row says otherwise (or a row says "globally reachable: true").</summary>
    Global,

    /// <summary>127.0.0.0/8, ::1: the reflector's own host.</summary>
    Loopback,

    /// <summary>169.254.0.0/16, fe80::/10.</summary>
    LinkLocal,

    /// <summary>RFC 1918 and unique-local fc00::/7.</summary>
    Private,

    /// <summary>100.64.0.0/10, the shared address space of carrier-grade NAT (RFC 6598).</summary>
    Shared,

    /// <summary>TEST-NET-1/2/3, 2001:db8::/32, 3fff::/20.</summary>
    Documentation,

    /// <summary>198.18.0.0/15, 2001:2::/48.</summary>
    Benchmarking,

    /// <summary>Any other registry row that is not globally reachable (protocol assignments, NAT64 local use, SRv6 SIDs…).</summary>
    SpecialPurpose,

    /// <summary>0.0.0.0/8 and ::, which a connect turns into this host: never a caller.</summary>
    Unspecified,

    /// <summary>224.0.0.0/4, ff00::/8: never a caller.</summary>
    Multicast,

    /// <summary>255.255.255.255: never a caller.</summary>
    Broadcast,

    /// <summary>240.0.0.0/4, deprecated forms (IPv4-compatible, site-local, ORCHID, the 6to4 relay anycast) and IPv6
    /// outside the global unicast space 2000::/3: never a caller.</summary>
    Reserved,
}
