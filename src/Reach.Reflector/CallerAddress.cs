using System.Net;

namespace Reach.Reflector;

/// <summary>
/// The address a request comes from, the only address the reflector ever probes: the connection's remote address, or,
/// when that peer is a trusted proxy, the right-most X-Forwarded-For entry that is not itself a trusted proxy (the
/// entries left of it could have been written by the client, so they are never believed).
/// </summary>
internal static class CallerAddress
{
    /// <summary>Returns the caller's address, or null with <paramref name="error"/> when a trusted proxy sent a malformed header.</summary>
    public static IPAddress? Resolve(IPAddress peer, IReadOnlyList<string> forwardedFor, IReadOnlyList<IPNetwork> trustedProxies, out string? error)
    {
        ArgumentNullException.ThrowIfNull(peer);
        ArgumentNullException.ThrowIfNull(forwardedFor);
        ArgumentNullException.ThrowIfNull(trustedProxies);
        error = null;
        var caller = Normalize(peer);
        if (!IsTrusted(caller, trustedProxies))
        {
            return caller;
        }

        // Several headers are one list in order; each header is a comma-separated list, the nearest hop last.
        var hops = forwardedFor.SelectMany(h => h.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        for (var i = hops.Count - 1; i >= 0; i--)
        {
            if (!TryParseHop(hops[i], out var hop))
            {
                error = $"X-Forwarded-For from the trusted proxy {caller} has '{hops[i]}', which is not an IP address";
                return null;
            }

            caller = hop;
            if (!IsTrusted(hop, trustedProxies))
            {
                return hop;
            }
        }

        // No header, or every hop is a trusted proxy: the left-most known hop is the best answer there is.
        return caller;
    }

    public static IPAddress Normalize(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    private static bool IsTrusted(IPAddress address, IReadOnlyList<IPNetwork> trustedProxies)
    {
        foreach (var network in trustedProxies)
        {
            if (network.Contains(address))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An address as proxies write it: <c>203.0.113.7</c>, <c>203.0.113.7:5123</c>, <c>2001:db8::1</c>, <c>[2001:db8::1]:5123</c>.</summary>
    private static bool TryParseHop(string text, out IPAddress address)
    {
        var parsed = IPAddress.TryParse(text, out var bare) ? bare : IPEndPoint.TryParse(text, out var endPoint) ? endPoint.Address : null;

        // IPAddress also reads "127.1", "0x7f.0.0.1" and "010.0.0.1"; a proxy writes plain dotted decimal, so an IPv4
        // hop is believed only in that canonical form.
        if (parsed is not null && (parsed.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || text.Split(':')[0] == parsed.ToString()))
        {
            address = Normalize(parsed);
            return true;
        }

        address = IPAddress.None;
        return false;
    }
}
