using System.Text.Json.Serialization;

namespace Reach.Monitoring.Http;

/// <summary>One monitored target as <c>/api/checks</c> shows it.</summary>
internal sealed record ApiTarget(
    string Id,
    string Check,
    string Host,
    string? Address,
    int? Port,
    string State,
    DateTimeOffset? Since,
    DateTimeOffset? LastProbe,
    double? LastRttMs,
    string? LastResult,
    string? LastError,
    long? OpenIncidentId,
    [property: JsonPropertyName("uptime_24h")] double? Uptime24h,
    [property: JsonPropertyName("uptime_7d")] double? Uptime7d,
    [property: JsonPropertyName("uptime_30d")] double? Uptime30d,
    bool Active,
    ApiTls? Tls = null,
    ApiHttp? Http = null,
    ApiAnswer? Answer = null,
    string? Answered = null);

/// <summary>
/// A tls check's (or an https answer's) last completed handshake: what answered and the certificate, with its days left
/// now and the check's <c>warn_days</c> (null when the check is no longer configured).
/// </summary>
internal sealed record ApiTls(string Protocol, string? CipherSuite, string Subject, DateTimeOffset NotAfter, int DaysLeft, string Sha256, int? WarnDays = null);

/// <summary>An http check's last answer: the status line's parts, the headers reach reads, and each phase's milliseconds.</summary>
internal sealed record ApiHttp(string Url, int? StatusCode, string? Version, string? Server, string? Location, ApiHttpPhases PhasesMs);

/// <summary>Milliseconds of each phase of the last HTTP exchange (null: not reached, or not part of it).</summary>
internal sealed record ApiHttpPhases(double? Resolve, double? Connect, double? Tls, double? FirstByte, double Total);

/// <summary>An expect check's last answer: the line that matched (or the answer's start) and how many bytes came.</summary>
internal sealed record ApiAnswer(string Excerpt, int Bytes);

/// <summary>One incident as <c>/api/incidents</c> shows it.</summary>
internal sealed record ApiIncident(
    long Id,
    string Target,
    string Check,
    string Host,
    int? Port,
    bool Open,
    DateTimeOffset Start,
    DateTimeOffset? End,
    double DurationSeconds,
    string Reason,
    string? LastError,
    string? EndNote,
    string Kind = "outage");

internal sealed record ApiError(string Error);

/// <summary><c>/api/meta</c>: what the status page needs to know once (and on each refresh, for a reload).</summary>
internal sealed record ApiMeta(string Version, int RefreshSeconds, IReadOnlyList<ApiCheck> Checks);

internal sealed record ApiCheck(string Name, string Type, double IntervalSeconds, int DownAfter, int UpAfter);

/// <summary><c>/api/series</c>: one target's probes in buckets, oldest first; empty buckets are left out.</summary>
internal sealed record ApiSeries(string Target, DateTimeOffset Since, DateTimeOffset Until, double BucketSeconds, IReadOnlyList<ApiSeriesPoint> Points);

internal sealed record ApiSeriesPoint(DateTimeOffset Start, long Probes, long Successes, long Failures, double? RttAvgMs, double? RttMinMs, double? RttMaxMs);
