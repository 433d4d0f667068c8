using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace Reach.Routing;

/// <summary>
/// Decodes Linux's /proc/net/route and /proc/net/ipv6_route. Pure text decoding, so it is tested on every OS.
/// </summary>
internal static class ProcRouteParser
{
    private const int RtfUp = 0x0001;
    private const int RtfReject = 0x0200;

    /// <summary>Parses /proc/net/route: addresses are 32-bit hex numbers in host (little-endian) byte order.</summary>
    public static List<RouteEntry> ParseIpv4(string text)
    {
        var routes = new List<RouteEntry>();
        foreach (var line in text.Split('\n').Skip(1))
        {
            var f = line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 8
                || !uint.TryParse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var dest)
                || !uint.TryParse(f[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var gateway)
                || !int.TryParse(f[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var flags)
                || !int.TryParse(f[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out var metric)
                || !uint.TryParse(f[7], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var mask)
                || (flags & RtfUp) == 0 || (flags & RtfReject) != 0)
            {
                continue;
            }

            var prefix = System.Numerics.BitOperations.PopCount(mask);
            routes.Add(new RouteEntry(
                new IPNetwork(FromHostOrder(dest), prefix),
                gateway == 0 ? null : FromHostOrder(gateway),
                f[0],
                metric));
        }

        return routes;
    }

    /// <summary>Parses /proc/net/ipv6_route: dest, prefix, src, src prefix, next hop, metric, refcnt, use, flags, device.</summary>
    public static List<RouteEntry> ParseIpv6(string text)
    {
        var routes = new List<RouteEntry>();
        foreach (var line in text.Split('\n'))
        {
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 10 || f[0].Length != 32 || f[4].Length != 32
                || !int.TryParse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var prefix)
                || !int.TryParse(f[5], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var metric)
                || !int.TryParse(f[8], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var flags)
                || (flags & RtfUp) == 0 || (flags & RtfReject) != 0)
            {
                continue;
            }

            var nextHop = new IPAddress(Convert.FromHexString(f[4]));
            routes.Add(new RouteEntry(
                new IPNetwork(new IPAddress(Convert.FromHexString(f[0])), prefix),
                nextHop.Equals(IPAddress.IPv6Any) ? null : nextHop,
                f[9],
                metric));
        }

        return routes;
    }

    private static IPAddress FromHostOrder(uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
