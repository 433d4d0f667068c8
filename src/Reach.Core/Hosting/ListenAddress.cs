using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reach.Hosting;

/// <summary>
/// Where one of reach's HTTP services listens (<c>reach watch</c>, <c>reach serve</c>): <c>--listen ADDR:PORT</c>, or
/// <c>--listen none</c> to run without it. Each service picks its own default port.
/// </summary>
public static class ListenAddress
{

    /// <summary>
    /// Parses <c>ADDR:PORT</c> (<c>127.0.0.1:9105</c>, <c>[::1]:9105</c>, <c>0.0.0.0:9105</c>, <c>localhost:9105</c>)
    /// or <c>none</c> (null). An IPv4-mapped address (<c>[::ffff:127.0.0.1]:9105</c>) is the IPv4 address it maps.
    /// Throws <see cref="FormatException"/> with a sentence naming the value.
    /// </summary>
    public static IPEndPoint? Parse(string text) => Parse(text, 9105);

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="text">The option's value.</param>
    /// <param name="examplePort">The service's default port, used in the examples of the error sentence.</param>
    public static IPEndPoint? Parse(string text, int examplePort)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        if (value.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var colon = value.LastIndexOf(':');
        var hostPart = colon > 0 ? value[..colon] : string.Empty;
        var portPart = colon > 0 ? value[(colon + 1)..] : string.Empty;
        if (hostPart.Length == 0 || hostPart.Contains(':', StringComparison.Ordinal) && !hostPart.StartsWith('['))
        {
            var p = examplePort.ToString(CultureInfo.InvariantCulture);
            throw new FormatException($"--listen '{text}' is not ADDR:PORT (127.0.0.1:{p}, [::1]:{p}, 0.0.0.0:{p}) or none");
        }

        if (!int.TryParse(portPart, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"--listen '{text}': the port must be a number from 1 to 65535");
        }

        if (hostPart.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }

        var address = hostPart.StartsWith('[') && hostPart.EndsWith(']') ? hostPart[1..^1] : hostPart;
        if (!IPAddress.TryParse(address, out var ip))
        {
            throw new FormatException($"--listen '{text}': '{hostPart}' is not an IP address (a host name is not accepted; use the address)");
        }

        // [::ffff:127.0.0.1] means 127.0.0.1: a server binds IPv6 sockets v6-only, where the kernel refuses a mapped
        // address (EINVAL), so it listens on the IPv4 address, which is what IPv4 clients connect to anyway.
        return new IPEndPoint(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip, port);
    }

    /// <summary>
    /// The check made before anything binds: a server reachable from elsewhere must have a token. Returns the error
    /// sentence, or null when the combination is fine.
    /// </summary>
    public static string? Validate(IPEndPoint? endpoint, string? token)
    {
        if (endpoint is null || IPAddress.IsLoopback(endpoint.Address))
        {
            return token is { Length: 0 } ? "--token must not be empty" : null;
        }

        return string.IsNullOrEmpty(token)
            ? $"--listen {Format(endpoint)} is not a loopback address: give --token TOKEN (clients send 'Authorization: Bearer TOKEN'), or listen on 127.0.0.1"
            : null;
    }

    /// <summary>
    /// Binds a socket to the endpoint the way Kestrel does (IPv6 sockets v6-only, <c>[::]</c> dual-stack) and closes it
    /// at once: the kernel's reason when it refuses (in use, not an address of this host, a port below 1024 without
    /// the privilege), else null. Checked before a server starts, so the refusal is one line and not the host's log
    /// of a failed start; nothing is sent.
    /// </summary>
    public static string? BindError(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        try
        {
            using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (endpoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(endpoint);
            return null;
        }
        catch (SocketException ex)
        {
            return ex.Message;
        }
    }

    public static string Format(IPEndPoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.ToString();
    }
}
