using Reach.Identification;
using Reach.Scanning;

namespace Reach.Cli.Commands;

/// <summary>A validated <c>reach scan</c> command line.</summary>
internal sealed record ScanRequest(
    IReadOnlyList<HostSpec> Targets,
    IReadOnlyList<HostSpec> Exclusions,
    PortSet Ports,
    ScanOptions Options,
    ulong Seed,
    ShardSpec Shard)
{
    /// <summary>With <c>--service</c>: how open ports are identified; null otherwise.</summary>
    public ScanServiceRequest? Service { get; init; }
}

/// <summary>How <c>reach scan --service</c> identifies open ports.</summary>
/// <param name="Options">The wait per port and, with <c>--tls</c>, the handshake.</param>
/// <param name="Concurrency">The most ports identified at once (<c>--service-concurrency</c>).</param>
/// <param name="PerHost">The most ports of one address identified at once (<c>--service-per-host</c>).</param>
internal sealed record ScanServiceRequest(ServiceIdentifierOptions Options, int Concurrency, int PerHost)
{
    /// <summary>
    /// <c>--insecure</c>: certificates' trust problems are shown, not marked (no red, "allowed by --insecure"); JSON
    /// and CSV still list them, as facts.
    /// </summary>
    public bool InsecureTls { get; init; }

    /// <summary>
    /// Ports identified at once by default: each costs a connection for about a round trip (a greeting) or up to the
    /// wait (a silent port), so 128 identify a /24's web servers in a few waits without a burst a host would notice.
    /// </summary>
    public const int DefaultConcurrency = 128;

    /// <summary>With <c>--polite</c>: a network with intrusion prevention sees few connections at a time.</summary>
    public const int PoliteConcurrency = 4;

    public const int MaxConcurrency = 1024;

    /// <summary>
    /// Ports of one address identified at once by default: under common per-source limits (sshd's MaxStartups begins
    /// refusing at 10 unauthenticated connections), and still a few waits for a host with dozens of open ports.
    /// </summary>
    public const int DefaultPerHost = 8;

    /// <summary>With <c>--polite</c>: as the sweep's own 2 probes per host.</summary>
    public const int PolitePerHost = 2;

    public const int MaxPerHost = 128;
}
