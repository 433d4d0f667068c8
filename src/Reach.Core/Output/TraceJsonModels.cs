using System.Text.Json.Serialization;
using Reach.Probes;
using Reach.Tracing;

namespace Reach.Output;

// The JSON shape of `reach trace --json` (docs/trace-json.md): one document per trace.

public sealed record TraceJson(
    string Target,
    string Host,
    string? Address,
    int? Port,
    string? Service,
    TraceMode Mode,
    int MaxHops,
    int Queries,
    double TimeoutMs,
    IReadOnlyList<TraceHopJson> Hops,
    bool Reached,
    TraceVerdictJson Verdict);

public sealed record TraceHopJson(int Ttl, string? Address, string? Name, IReadOnlyList<TraceProbeJson> Probes);

public sealed record TraceProbeJson(
    string? Address,
    double? RttMs,
    HopAnswer Answer,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);

public sealed record TraceVerdictJson(TraceState State, ProbeReason Reason, int? Hop, string? Address, string Explanation);
