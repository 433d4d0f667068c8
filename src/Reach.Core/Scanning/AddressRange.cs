using System.Net;
using System.Net.Sockets;

namespace Reach.Scanning;

/// <summary>
/// A contiguous, inclusive range of addresses of one family, as numbers (<see cref="UInt128"/> for both families, so
/// IPv4 and IPv6 share the arithmetic). A single address, a CIDR network and a <c>first-last</c> range are all ranges.
/// </summary>
public readonly record struct AddressRange
{
    /// <summary>Creates a range; <paramref name="first"/> must not be after <paramref name="last"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The family is neither IPv4 nor IPv6, a bound is beyond the family's largest
    /// address, or the range is reversed.</exception>
    public AddressRange(AddressFamily family, UInt128 first, UInt128 last)
    {
        var max = AddressValue.MaxOf(family);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(last, max);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first, last);
        Family = family;
        First = first;
        Last = last;
    }

    /// <summary><see cref="AddressFamily.InterNetwork"/> or <see cref="AddressFamily.InterNetworkV6"/>.</summary>
    public AddressFamily Family { get; }

    /// <summary>The first address as a number (an IPv4 address is its 32-bit value).</summary>
    public UInt128 First { get; }

    /// <summary>The last address as a number, inclusive.</summary>
    public UInt128 Last { get; }

    public IPAddress FirstAddress => AddressValue.ToAddress(Family, First);

    public IPAddress LastAddress => AddressValue.ToAddress(Family, Last);

    /// <summary>How many addresses the range holds; <see cref="UInt128.MaxValue"/> for all of IPv6 (2^128 does not fit).</summary>
    public UInt128 Count => AddressValue.CountOf(First, Last) ?? UInt128.MaxValue;

    /// <summary>A range of one address. Any IPv6 scope id (<c>%eth0</c>) is dropped.</summary>
    public static AddressRange FromAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var value = AddressValue.ToValue(address);
        return new AddressRange(address.AddressFamily, value, value);
    }

    /// <summary>The range from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    /// <exception cref="ArgumentException">The addresses are of different families, or the range is reversed.</exception>
    public static AddressRange Between(IPAddress first, IPAddress last)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(last);
        if (first.AddressFamily != last.AddressFamily)
        {
            throw new ArgumentException("a range cannot mix IPv4 and IPv6", nameof(last));
        }

        return new AddressRange(first.AddressFamily, AddressValue.ToValue(first), AddressValue.ToValue(last));
    }

    /// <summary>Every address of a network, its base and broadcast addresses included.</summary>
    public static AddressRange FromNetwork(IPNetwork network)
    {
        var bits = network.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var first = AddressValue.ToValue(network.BaseAddress);
        var hostBits = bits - network.PrefixLength;
        var span = hostBits == 128 ? UInt128.MaxValue : (UInt128.One << hostBits) - UInt128.One;
        return new AddressRange(network.BaseAddress.AddressFamily, first, first + span);
    }

    public bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.AddressFamily != Family)
        {
            return false;
        }

        var value = AddressValue.ToValue(address);
        return value >= First && value <= Last;
    }

    /// <summary><c>10.0.0.7</c> for one address, <c>10.0.0.0-10.0.0.255</c> otherwise.</summary>
    public override string ToString() => First == Last ? FirstAddress.ToString() : $"{FirstAddress}-{LastAddress}";
}
