namespace Reach.Reflector;

/// <summary>Where an IPv6 block carries an IPv4 address, the one a packet to it ends up at.</summary>
internal enum EmbeddedIPv4
{
    None,

    /// <summary>The last 32 bits: IPv4-mapped, IPv4-compatible, NAT64 (RFC 6052's /96 layout).</summary>
    Last32Bits,

    /// <summary>Bits 16-47 of 2002::/16 (RFC 3056).</summary>
    SixToFour,

    /// <summary>Teredo's client address: the last 32 bits, each inverted (RFC 4380 §4).</summary>
    TeredoClient,
}
