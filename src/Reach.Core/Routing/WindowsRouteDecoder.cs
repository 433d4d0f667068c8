using System.Buffers.Binary;
using System.Net;

namespace Reach.Routing;

/// <summary>
/// Decodes a MIB_IPFORWARD_ROW2 (netioapi.h, 64-bit layout, 104 bytes) as GetBestRoute2 fills it. Pure byte
/// decoding, so it is tested on every OS.
/// </summary>
/// <remarks>
/// Offsets: InterfaceLuid 0 (8), InterfaceIndex 8 (4), DestinationPrefix 12 (SOCKADDR_INET 28 + PrefixLength 1,
/// padded to 32), NextHop 44 (SOCKADDR_INET 28), SitePrefixLength 72, ValidLifetime 76, PreferredLifetime 80,
/// Metric 84, Protocol 88, Loopback/AutoconfigureAddress/Publish/Immortal 92-95, Age 96, Origin 100.
/// SOCKADDR_INET: family (2 = AF_INET, 23 = AF_INET6) at 0; IPv4 address at 4; IPv6 address at 8.
/// </remarks>
internal static class WindowsRouteDecoder
{
    public const int RowSize = 104;
    public const int InterfaceIndexOffset = 8;
    public const int DestinationOffset = 12;
    public const int PrefixLengthOffset = 40;
    public const int NextHopOffset = 44;
    public const int MetricOffset = 84;
    public const int SockaddrInetSize = 28;
    public const ushort AfInet = 2;
    public const ushort AfInet6 = 23;

    public static (RouteEntry Route, uint InterfaceIndex)? Decode(ReadOnlySpan<byte> row, Func<uint, string?> interfaceName)
    {
        ArgumentNullException.ThrowIfNull(interfaceName);
        if (row.Length < RowSize)
        {
            return null;
        }

        var index = BinaryPrimitives.ReadUInt32LittleEndian(row[InterfaceIndexOffset..]);
        var destination = DecodeAddress(row.Slice(DestinationOffset, SockaddrInetSize));
        var nextHop = DecodeAddress(row.Slice(NextHopOffset, SockaddrInetSize));
        if (destination is null)
        {
            return null;
        }

        var prefixLength = Math.Min((int)row[PrefixLengthOffset], destination.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128);
        var onLink = nextHop is null || nextHop.Equals(IPAddress.Any) || nextHop.Equals(IPAddress.IPv6Any);
        var route = new RouteEntry(
            new IPNetwork(Mask(destination, prefixLength), prefixLength),
            onLink ? null : nextHop,
            interfaceName(index) ?? $"interface {index}",
            (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(row[MetricOffset..]), int.MaxValue));
        return (route, index);
    }

    private static IPAddress? DecodeAddress(ReadOnlySpan<byte> sockaddr) => BinaryPrimitives.ReadUInt16LittleEndian(sockaddr) switch
    {
        AfInet => new IPAddress(sockaddr.Slice(4, 4)),
        AfInet6 => new IPAddress(sockaddr.Slice(8, 16)),
        _ => null,
    };

    /// <summary>Clears the host bits (IPNetwork insists on a canonical base address).</summary>
    private static IPAddress Mask(IPAddress address, int prefixLength)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = prefixLength; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPAddress(bytes);
    }
}
