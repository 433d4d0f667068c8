using System.Text.Json.Serialization;

namespace Reach.Cli.Rendering.Report;

/// <summary><c>reach report --json</c> (docs/report-json.md).</summary>
internal sealed record ReportJson(
    string From,
    string To,
    string GeneratedAt,
    IReadOnlyList<ReportTargetJson> Targets,
    IReadOnlyList<ReportIncidentJson> Incidents);

internal sealed record ReportTargetJson(
    string Check,
    string Host,
    int? Port,
    string Target,
    bool Active,
    string StateNow,
    double? UptimePercent,
    long Probes,
    long Successes,
    long Failures,
    double DownSeconds,
    int Incidents,
    string? LastError);

internal sealed record ReportIncidentJson(
    long Id,
    string Check,
    string Host,
    int? Port,
    string Target,
    string Start,
    string? End,
    bool Open,
    double DurationSeconds,
    string Reason,
    string? LastError,
    string? EndNote);

/// <summary>Source-generated metadata: no reflection (NativeAOT), snake_case names, nulls written.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ReportJson))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
