using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reach.Scanning;

/// <summary>
/// IP addresses as numbers: an IPv4 address is its 32-bit value, an IPv6 address its 128-bit value, both held in a
/// <see cref="UInt128"/> so the range and address-space code is the same for both families.
/// </summary>
internal static class AddressValue
{
    public static readonly UInt128 MaxIPv4 = uint.MaxValue;

    public static UInt128 MaxOf(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => MaxIPv4,
        AddressFamily.InterNetworkV6 => UInt128.MaxValue,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "only IPv4 and IPv6 addresses can be scanned"),
    };

    /// <summary>0 for IPv4, 1 for IPv6: the order of the families in an address space.</summary>
    public static int FamilyOrder(AddressFamily family) => family == AddressFamily.InterNetwork ? 0 : 1;

    public static UInt128 ToValue(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Span<byte> bytes = stackalloc byte[16];
        if (!address.TryWriteBytes(bytes, out var written))
        {
            throw new ArgumentException("the address does not fit in 16 bytes", nameof(address));
        }

        return written switch
        {
            4 => BinaryPrimitives.ReadUInt32BigEndian(bytes),
            16 => BinaryPrimitives.ReadUInt128BigEndian(bytes),
            _ => throw new ArgumentException("only IPv4 and IPv6 addresses can be scanned", nameof(address)),
        };
    }

    public static IPAddress ToAddress(AddressFamily family, UInt128 value)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (family == AddressFamily.InterNetwork)
        {
            if (value > MaxIPv4)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "an IPv4 address is 32 bits");
            }

            BinaryPrimitives.WriteUInt32BigEndian(bytes, (uint)value);
            return new IPAddress(bytes[..4]);
        }

        if (family != AddressFamily.InterNetworkV6)
        {
            throw new ArgumentOutOfRangeException(nameof(family), family, "only IPv4 and IPv6 addresses can be scanned");
        }

        BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }

    /// <summary>How many addresses lie in [first, last]; null when the count is 2^128 (all of IPv6), which does not fit.</summary>
    public static UInt128? CountOf(UInt128 first, UInt128 last) =>
        first == UInt128.Zero && last == UInt128.MaxValue ? null : last - first + UInt128.One;

    /// <summary><c>2^64</c> for a power of two, the decimal number otherwise; <c>2^128</c> for a null count.</summary>
    public static string FormatCount(UInt128? count)
    {
        if (count is not { } value)
        {
            return "2^128";
        }

        return UInt128.IsPow2(value) && value > 1024
            ? string.Create(CultureInfo.InvariantCulture, $"2^{UInt128.Log2(value)}")
            : value.ToString(CultureInfo.InvariantCulture);
    }
}
