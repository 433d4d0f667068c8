using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>Enumerates the addresses of a prefix or a range, in increasing order (for ground truth and scan inputs).</summary>
public static class IpRanges
{
    /// <summary>Every address of <paramref name="spec"/>: a prefix (<c>10.233.7.0/24</c>) or one address.</summary>
    public static IEnumerable<IPAddress> Addresses(string spec) =>
        spec.Contains('/', StringComparison.Ordinal)
            ? Addresses(IPNetwork.Parse(spec))
            : [IPAddress.Parse(spec)];

    /// <summary>Every address of the prefix, network and broadcast addresses included (a scanner probes them all).</summary>
    public static IEnumerable<IPAddress> Addresses(IPNetwork network)
    {
        var bits = network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 ? 128 : 32;
        var count = UInt128.One << (bits - network.PrefixLength);
        return Range(network.BaseAddress, count);
    }

    /// <summary>Every address from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
    public static IEnumerable<IPAddress> Range(IPAddress first, IPAddress last)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(last);
        if (first.AddressFamily != last.AddressFamily)
        {
            throw new ArgumentException($"{first} and {last} are not of the same family");
        }

        var (from, to) = (ToNumber(first), ToNumber(last));
        if (to < from)
        {
            throw new ArgumentException($"{first}-{last} is reversed");
        }

        return Range(first, to - from + 1);
    }

    /// <summary>The address <paramref name="offset"/> places after <paramref name="start"/>.</summary>
    public static IPAddress Add(IPAddress start, UInt128 offset) => FromNumber(ToNumber(start) + offset, start.AddressFamily);

    public static UInt128 ToNumber(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var written);
        return written == 4
            ? BinaryPrimitives.ReadUInt32BigEndian(bytes)
            : BinaryPrimitives.ReadUInt128BigEndian(bytes);
    }

    private static IEnumerable<IPAddress> Range(IPAddress start, UInt128 count)
    {
        var first = ToNumber(start);
        for (UInt128 i = 0; i < count; i++)
        {
            yield return FromNumber(first + i, start.AddressFamily);
        }
    }

    private static IPAddress FromNumber(UInt128 number, AddressFamily family)
    {
        if (family == AddressFamily.InterNetwork)
        {
            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)number);
            return new IPAddress(v4);
        }

        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(v6, number);
        return new IPAddress(v6);
    }
}
