using Reach.Scanning;

namespace Reach.Cli.Commands;

/// <summary>A validated <c>reach scan</c> command line.</summary>
internal sealed record ScanRequest(
    IReadOnlyList<HostSpec> Targets,
    IReadOnlyList<HostSpec> Exclusions,
    PortSet Ports,
    ScanOptions Options,
    ulong Seed,
    ShardSpec Shard);
