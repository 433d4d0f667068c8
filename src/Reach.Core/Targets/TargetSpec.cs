using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Reach.Targets;

/// <summary>
/// One thing to check, as the user wrote it: a host (name or address) and, when given, a port.
/// </summary>
/// <param name="Text">The original text, for messages and reports.</param>
/// <param name="Host">Host name or address literal, without brackets.</param>
/// <param name="Port">The port given with the target, if any.</param>
public sealed record TargetSpec(string Text, string Host, PortSpec? Port)
{
    /// <summary>The address when <see cref="Host"/> is a literal; null for names.</summary>
    public IPAddress? Literal { get; } = IPAddress.TryParse(Host, out var address) ? address : null;

    /// <summary>The URL when the target was given as one (<c>https://host/path</c>): checked with HTTP too.</summary>
    public Uri? Url { get; init; }

    /// <summary>The same target with a port, keeping its own when it has one.</summary>
    public TargetSpec WithDefaultPort(PortSpec? port) => Port is null && port is not null ? this with { Port = port } : this;

    /// <summary><c>host:port</c>, with IPv6 hosts in brackets (<c>[::1]:22</c>).</summary>
    public string Display => Port is null ? Host : FormatEndpoint(Host, Port.Value.Number);

    public static string FormatEndpoint(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal)
            ? string.Create(CultureInfo.InvariantCulture, $"[{host}]:{port}")
            : string.Create(CultureInfo.InvariantCulture, $"{host}:{port}");

    /// <summary>
    /// <see cref="FormatEndpoint"/> for an address, written into <paramref name="destination"/> without allocating
    /// (<c>reach scan --list</c> writes millions).
    /// </summary>
    public static bool TryFormatEndpoint(IPAddress address, int port, Span<char> destination, out int written)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AddressFamily == AddressFamily.InterNetworkV6
            ? destination.TryWrite(CultureInfo.InvariantCulture, $"[{address}]:{port}", out written)
            : destination.TryWrite(CultureInfo.InvariantCulture, $"{address}:{port}", out written);
    }
}
