using Reach.Pinging;
using Reach.Probes;

namespace Reach.Output;

// The JSON Lines of `reach ping --json` (docs/ping-json.md): one "probe" record per probe, then one "summary".

public sealed record PingProbeJson(
    string Type,
    int Seq,
    DateTimeOffset Time,
    string Host,
    string? Address,
    int? Port,
    string Proto,
    PingState State,
    ProbeReason? Reason,
    double? RttMs,
    string? Detail,
    string? PreviousAddress);

public sealed record PingRttJson(int Count, double MinMs, double AvgMs, double MaxMs, double StddevMs, double? JitterMs, double P50Ms, double P95Ms, double P99Ms);

public sealed record PingStateChangeJson(int Seq, DateTimeOffset Time, PingState From, PingState To, ProbeReason? Reason);

public sealed record PingDownIntervalJson(DateTimeOffset Start, DateTimeOffset? End, double DurationMs, int Probes, int FirstSeq, bool Ongoing);

public sealed record PingAddressChangeJson(int Seq, DateTimeOffset Time, string From, string To);

public sealed record PingSummaryJson(
    string Type,
    string Host,
    int? Port,
    string Proto,
    int Sent,
    int Succeeded,
    int Failed,
    double LossPercent,
    PingRttJson? Rtt,
    IReadOnlyList<PingStateChangeJson> StateChanges,
    IReadOnlyList<PingDownIntervalJson> DownIntervals,
    IReadOnlyList<PingAddressChangeJson> AddressChanges,
    DateTimeOffset Started,
    DateTimeOffset Ended,
    bool Interrupted);
