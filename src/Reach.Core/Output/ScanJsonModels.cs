using System.Text.Json.Serialization;
using Reach.Identification;
using Reach.Probes;
using Reach.Tls;

namespace Reach.Output;

// The JSON shapes of `reach scan --format json|jsonl` (docs/scan-json.md). In JSON Lines every record says
// what it is in "type": port, unresolved, host (with --down), summary (and target for --list).

/// <summary>A port; <c>detected</c> only with <c>--service</c>, on open ports.</summary>
public sealed record ScanPortJson(
    string Type,
    string Host,
    string Address,
    int Port,
    string Proto,
    PortState State,
    ProbeReason Reason,
    double? RttMs,
    string? Service,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ScanDetectedJson? Detected = null);

/// <summary>
/// What answered an open port (<c>--service</c>): <c>protocol</c> null when nothing answered within the wait;
/// <c>expected</c> what the port's number promises; <c>mismatch</c> true when it answers another protocol (the port
/// stays open); <c>tls</c> with <c>--tls</c> where a handshake was tried.
/// </summary>
public sealed record ScanDetectedJson(
    ServiceProtocol? Protocol,
    string? Text,
    ServiceProbe? Probe,
    ServiceProtocol? Expected,
    bool Mismatch,
    string? Error,
    ScanTlsJson? Tls);

/// <summary>The handshake on a port and its leaf certificate, in brief (<c>reach check --tls</c> shows the whole chain).</summary>
public sealed record ScanTlsJson(
    string? Protocol,
    string? Subject,
    string? Issuer,
    string? NotAfter,
    int? DaysLeft,
    bool Trusted,
    IReadOnlyList<TlsProblem> Problems,
    string? Error,
    StartTlsProtocol? Starttls);

public sealed record ScanUnresolvedJson(string Type, string Host, string? Error);

public sealed record ScanTargetJson(string Type, string Address, int Port);

/// <summary>
/// A host <c>--down</c> reports: <c>state</c> "down" when nothing answered at all, "up" when it answered but misses
/// ports; <c>missing</c> the ports that were not open (all of them for a down host).
/// </summary>
public sealed record ScanHostJson(string Type, string Host, string Address, string State, IReadOnlyList<int> Missing);

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

/// <summary>
/// <c>--format json</c>: <c>down</c> the addresses where nothing answered and <c>down_hosts</c> every host that misses
/// a port (both null without <c>--down</c>).
/// </summary>
public sealed record ScanDocumentJson(
    IReadOnlyList<ScanPortJson> Ports,
    IReadOnlyList<ScanUnresolvedJson> Unresolved,
    IReadOnlyList<string>? Down,
    IReadOnlyList<ScanHostJson>? DownHosts,
    ScanSummaryJson Summary);
