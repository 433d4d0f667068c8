using Reach.Probes;

namespace Reach.Output;

// The JSON shapes of `reach scan --format json|jsonl` (docs/scan-json.md). In JSON Lines every record says
// what it is in "type": port, unresolved, summary (and target for --list).

public sealed record ScanPortJson(string Type, string Host, string Address, int Port, string Proto, PortState State, ProbeReason Reason, double? RttMs, string? Service);

public sealed record ScanUnresolvedJson(string Type, string Host, string? Error);

public sealed record ScanTargetJson(string Type, string Address, int Port);

public sealed record ScanHostJson(string Type, string Address, string State);

public sealed record ScanSummaryJson(
    string Type,
    long Hosts,
    long HostsUp,
    long HostsDown,
    long PortsScanned,
    long Open,
    long Closed,
    long Filtered,
    long Errors,
    long LocalRetries,
    int Unresolved,
    double DurationMs,
    double Rate);

public sealed record ScanDocumentJson(IReadOnlyList<ScanPortJson> Ports, IReadOnlyList<ScanUnresolvedJson> Unresolved, IReadOnlyList<string>? Down, ScanSummaryJson Summary);
