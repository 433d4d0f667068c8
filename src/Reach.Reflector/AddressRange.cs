using System.Net;

namespace Reach.Reflector;

/// <summary>
/// One row of the classification table: a block, its registry name and RFC, the class its addresses get, and where an
/// IPv4 address is embedded in it (IPv6 blocks that carry one), which then decides as well.
/// </summary>
internal sealed record AddressRange(IPNetwork Block, string Name, string Source, AddressClass Class, EmbeddedIPv4 Embedded = EmbeddedIPv4.None)
{
    /// <summary>
    /// Whether the block holds the address, compared bit by bit (<see cref="IPNetwork.Contains"/> never finds an
    /// IPv4-mapped address in an IPv6 block, ::ffff:0:0/96 included).
    /// </summary>
    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != Block.BaseAddress.AddressFamily)
        {
            return false;
        }

        Span<byte> candidate = stackalloc byte[16];
        Span<byte> network = stackalloc byte[16];
        address.TryWriteBytes(candidate, out _);
        Block.BaseAddress.TryWriteBytes(network, out _);
        for (int i = 0, bits = Block.PrefixLength; bits > 0; i++, bits -= 8)
        {
            var mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if (((candidate[i] ^ network[i]) & mask) != 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>"127.0.0.0/8 Loopback, RFC 1122".</summary>
    public override string ToString() => $"{Block} {Name}, {Source}";
}
