using System.Net;

namespace Reach.Reflector;

/// <summary>How <c>reach serve</c> runs: where it listens, whom it trusts, and its abuse limits.</summary>
internal sealed record ReflectorOptions
{
    public const int DefaultPort = 9106;

    /// <summary>The shortest <see cref="IPv6Prefix"/> allowed: shorter would put whole providers in one budget.</summary>
    public const int MinIPv6Prefix = 32;

    /// <summary>The largest probe timeout a server may be given: longer would let callers hold sockets open.</summary>
    public static readonly TimeSpan MaxProbeTimeout = TimeSpan.FromSeconds(5);

    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, DefaultPort);

    /// <summary>
    /// Also serve callers whose address is not globally reachable but a host's (loopback, link-local, private, shared,
    /// documentation, benchmarking: labs and LANs; <see cref="CallerPolicy"/>); refused (403) otherwise.
    /// </summary>
    public bool AllowPrivate { get; init; }

    /// <summary>Proxies whose X-Forwarded-For is believed; from anyone else the header is ignored.</summary>
    public IReadOnlyList<IPNetwork> TrustedProxies { get; init; } = [];

    /// <summary>Ports one request may ask for.</summary>
    public int MaxPortsPerRequest { get; init; } = 16;

    /// <summary>Requests one client may make per minute (both endpoints together).</summary>
    public int RequestsPerMinute { get; init; } = 30;

    /// <summary>Ports one client may have probed per minute.</summary>
    public int PortsPerMinute { get; init; } = 64;

    /// <summary>The IPv6 prefix length that is one client for the limits (an IPv4 client is one address).</summary>
    public int IPv6Prefix { get; init; } = ClientLimits.DefaultIPv6Prefix;

    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Probes in flight at once, over all callers.</summary>
    public int MaxConcurrentProbes { get; init; } = 64;

    /// <summary>The largest request body read; a check request is a few dozen bytes.</summary>
    public int MaxBodyBytes { get; init; } = 4096;
}
