using System.Net;
using System.Net.Sockets;

namespace Reach.Reflector;

/// <summary>
/// Classifies an address by the IANA IPv4 and IPv6 Special-Purpose Address Registries (iana-ipv4-special-registry and
/// iana-ipv6-special-registry, both as updated 2025-10; RFC 6890 as amended by RFC 8190): the most specific row that
/// holds the address decides. A row whose "Globally Reachable" is true is <see cref="AddressClass.Global"/>; 6to4 and
/// Teredo (where the registry says N/A) and the mapped and NAT64 forms are as global as the IPv4 address they embed.
/// Added to the registries' rows: multicast (its own IANA registries), the deprecated IPv4-compatible ::/96 and
/// site-local fec0::/10, and IPv6 outside 2000::/3 (not allocated for global unicast by the IPv6 Address Space registry).
/// </summary>
internal static class AddressClasses
{
    /// <summary>The table in the registries' order, then the additions; a lookup tries the longest prefix first.</summary>
    public static IReadOnlyList<AddressRange> Ranges { get; } =
    [
        // iana-ipv4-special-registry
        Row("0.0.0.0/8", "\"This network\"", "RFC 791 §3.2", AddressClass.Unspecified),
        Row("0.0.0.0/32", "\"This host on this network\"", "RFC 1122 §3.2.1.3", AddressClass.Unspecified),
        Row("10.0.0.0/8", "Private-Use", "RFC 1918", AddressClass.Private),
        Row("100.64.0.0/10", "Shared Address Space", "RFC 6598", AddressClass.Shared),
        Row("127.0.0.0/8", "Loopback", "RFC 1122 §3.2.1.3", AddressClass.Loopback),
        Row("169.254.0.0/16", "Link Local", "RFC 3927", AddressClass.LinkLocal),
        Row("172.16.0.0/12", "Private-Use", "RFC 1918", AddressClass.Private),
        Row("192.0.0.0/24", "IETF Protocol Assignments", "RFC 6890 §2.1", AddressClass.SpecialPurpose),
        Row("192.0.0.0/29", "IPv4 Service Continuity Prefix", "RFC 7335", AddressClass.SpecialPurpose),
        Row("192.0.0.8/32", "IPv4 dummy address", "RFC 7600", AddressClass.SpecialPurpose),
        Row("192.0.0.9/32", "Port Control Protocol Anycast", "RFC 7723", AddressClass.Global),
        Row("192.0.0.10/32", "Traversal Using Relays around NAT Anycast", "RFC 8155", AddressClass.Global),
        Row("192.0.0.170/32", "NAT64/DNS64 Discovery", "RFC 8880 §7.1", AddressClass.SpecialPurpose),
        Row("192.0.0.171/32", "NAT64/DNS64 Discovery", "RFC 8880 §7.1", AddressClass.SpecialPurpose),
        Row("192.0.2.0/24", "Documentation (TEST-NET-1)", "RFC 5737", AddressClass.Documentation),
        Row("192.31.196.0/24", "AS112-v4", "RFC 7535", AddressClass.Global),
        Row("192.52.193.0/24", "AMT", "RFC 7450", AddressClass.Global),
        Row("192.88.99.0/24", "Deprecated (6to4 Relay Anycast)", "RFC 7526", AddressClass.Reserved),
        Row("192.88.99.2/32", "6a44-relay anycast address", "RFC 6751", AddressClass.SpecialPurpose),
        Row("192.168.0.0/16", "Private-Use", "RFC 1918", AddressClass.Private),
        Row("192.175.48.0/24", "Direct Delegation AS112 Service", "RFC 7534", AddressClass.Global),
        Row("198.18.0.0/15", "Benchmarking", "RFC 2544", AddressClass.Benchmarking),
        Row("198.51.100.0/24", "Documentation (TEST-NET-2)", "RFC 5737", AddressClass.Documentation),
        Row("203.0.113.0/24", "Documentation (TEST-NET-3)", "RFC 5737", AddressClass.Documentation),
        Row("240.0.0.0/4", "Reserved", "RFC 1112 §4", AddressClass.Reserved),
        Row("255.255.255.255/32", "Limited Broadcast", "RFC 8190, RFC 919 §7", AddressClass.Broadcast),

        // iana-ipv6-special-registry
        Row("::1/128", "Loopback Address", "RFC 4291", AddressClass.Loopback),
        Row("::/128", "Unspecified Address", "RFC 4291", AddressClass.Unspecified),
        Row("::ffff:0:0/96", "IPv4-mapped Address", "RFC 4291", AddressClass.Global, EmbeddedIPv4.Last32Bits),
        Row("64:ff9b::/96", "IPv4-IPv6 Translat.", "RFC 6052", AddressClass.Global, EmbeddedIPv4.Last32Bits),
        Row("64:ff9b:1::/48", "IPv4-IPv6 Translat.", "RFC 8215", AddressClass.SpecialPurpose, EmbeddedIPv4.Last32Bits),
        Row("100::/64", "Discard-Only Address Block", "RFC 6666", AddressClass.SpecialPurpose),
        Row("100:0:0:1::/64", "Dummy IPv6 Prefix", "RFC 9780", AddressClass.SpecialPurpose),
        Row("2001::/23", "IETF Protocol Assignments", "RFC 2928", AddressClass.SpecialPurpose),
        Row("2001::/32", "TEREDO", "RFC 4380", AddressClass.Global, EmbeddedIPv4.TeredoClient),
        Row("2001:1::1/128", "Port Control Protocol Anycast", "RFC 7723", AddressClass.Global),
        Row("2001:1::2/128", "Traversal Using Relays around NAT Anycast", "RFC 8155", AddressClass.Global),
        Row("2001:1::3/128", "DNS-SD Service Registration Protocol Anycast", "RFC 9665", AddressClass.Global),
        Row("2001:2::/48", "Benchmarking", "RFC 5180", AddressClass.Benchmarking),
        Row("2001:3::/32", "AMT", "RFC 7450", AddressClass.Global),
        Row("2001:4:112::/48", "AS112-v6", "RFC 7535", AddressClass.Global),
        Row("2001:10::/28", "Deprecated (previously ORCHID)", "RFC 4843", AddressClass.Reserved),
        Row("2001:20::/28", "ORCHIDv2", "RFC 7343", AddressClass.Global),
        Row("2001:30::/28", "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "RFC 9374", AddressClass.Global),
        Row("2001:db8::/32", "Documentation", "RFC 3849", AddressClass.Documentation),
        Row("2002::/16", "6to4", "RFC 3056", AddressClass.Global, EmbeddedIPv4.SixToFour),
        Row("2620:4f:8000::/48", "Direct Delegation AS112 Service", "RFC 7534", AddressClass.Global),
        Row("3fff::/20", "Documentation", "RFC 9637", AddressClass.Documentation),
        Row("5f00::/16", "Segment Routing (SRv6) SIDs", "RFC 9602", AddressClass.SpecialPurpose),
        Row("fc00::/7", "Unique-Local", "RFC 4193", AddressClass.Private),
        Row("fe80::/10", "Link-Local Unicast", "RFC 4291", AddressClass.LinkLocal),

        // Not in the special-purpose registries.
        Row("224.0.0.0/4", "Multicast", "RFC 5771", AddressClass.Multicast),
        Row("::/96", "IPv4-compatible (deprecated)", "RFC 4291 §2.5.5.1", AddressClass.Reserved, EmbeddedIPv4.Last32Bits),
        Row("fec0::/10", "Site-local (deprecated)", "RFC 3879", AddressClass.Reserved),
        Row("ff00::/8", "Multicast", "RFC 4291 §2.7", AddressClass.Multicast),
        Row("2000::/3", "Global Unicast", "RFC 4291", AddressClass.Global),
        Row("0.0.0.0/0", "Global Unicast", "IANA IPv4 Address Space", AddressClass.Global),
        Row("::/0", "not allocated for global unicast", "IANA IPv6 Address Space", AddressClass.Reserved),
    ];

    private static readonly AddressRange[] LongestFirst = [.. Ranges.OrderByDescending(r => r.Block.PrefixLength)];

    /// <summary>
    /// The address's class: the most specific row's, and for a block that embeds an IPv4 address (mapped, NAT64, 6to4,
    /// Teredo, IPv4-compatible) also the embedded address's: the stricter of the two decides.
    /// </summary>
    public static AddressClassification Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var range = Lookup(address);
        if (Embedded(address, range.Embedded) is not { } inner)
        {
            return new AddressClassification(address, range.Class, range, null, null);
        }

        var innerRange = Lookup(inner);
        return new AddressClassification(address, Stricter(range.Class, innerRange.Class), range, inner, innerRange);
    }

    /// <summary>The IPv4 address an IPv6 address carries (mapped, NAT64, 6to4, Teredo's client, IPv4-compatible), or null.</summary>
    public static IPAddress? EmbeddedIPv4Of(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return Embedded(address, Lookup(address).Embedded);
    }

    /// <summary>
    /// Whether a host can have this address as its own and be reached at it: false for unspecified, multicast,
    /// broadcast and reserved addresses, which no caller has (and a probe of 0.0.0.0 or :: reaches this very host).
    /// </summary>
    public static bool IsHostAddress(this AddressClass addressClass) =>
        addressClass is not (AddressClass.Unspecified or AddressClass.Multicast or AddressClass.Broadcast or AddressClass.Reserved);

    public static string ToWord(this AddressClass addressClass) => addressClass switch
    {
        AddressClass.Global => "public",
        AddressClass.Loopback => "loopback",
        AddressClass.LinkLocal => "link-local",
        AddressClass.Private => "private",
        AddressClass.Shared => "shared (carrier-grade NAT)",
        AddressClass.Documentation => "reserved for documentation",
        AddressClass.Benchmarking => "reserved for benchmarking",
        AddressClass.SpecialPurpose => "special-purpose",
        AddressClass.Unspecified => "unspecified",
        AddressClass.Multicast => "multicast",
        AddressClass.Broadcast => "broadcast",
        AddressClass.Reserved => "reserved",
        _ => throw new ArgumentOutOfRangeException(nameof(addressClass), addressClass, null),
    };

    private static AddressRange Lookup(IPAddress address)
    {
        foreach (var range in LongestFirst)
        {
            if (range.Contains(address))
            {
                return range;
            }
        }

        throw new ArgumentException($"{address} is neither IPv4 nor IPv6", nameof(address));
    }

    /// <summary>A class that no host has wins; then a non-global embedded address; else the block's own class.</summary>
    private static AddressClass Stricter(AddressClass outer, AddressClass inner) =>
        !outer.IsHostAddress() ? outer
        : inner != AddressClass.Global ? inner
        : outer;

    private static IPAddress? Embedded(IPAddress address, EmbeddedIPv4 layout)
    {
        if (layout == EmbeddedIPv4.None || address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        return layout switch
        {
            EmbeddedIPv4.Last32Bits => new IPAddress(bytes[12..]),
            EmbeddedIPv4.SixToFour => new IPAddress(bytes[2..6]),
            EmbeddedIPv4.TeredoClient => Inverted(bytes[12..]),
            _ => null,
        };
    }

    private static IPAddress Inverted(ReadOnlySpan<byte> obfuscated)
    {
        Span<byte> plain = stackalloc byte[4];
        for (var i = 0; i < plain.Length; i++)
        {
            plain[i] = (byte)~obfuscated[i];
        }

        return new IPAddress(plain);
    }

    private static AddressRange Row(string block, string name, string source, AddressClass addressClass, EmbeddedIPv4 embedded = EmbeddedIPv4.None) =>
        new(IPNetwork.Parse(block), name, source, addressClass, embedded);
}
