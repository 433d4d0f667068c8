using System.Text.Json.Serialization;
using Reach.Monitoring.Store;

namespace Reach.Monitoring.Alerts;

/// <summary>
/// One alert, as every channel receives it (the generic webhook body, the command's REACH_* variables, the mail).
/// Built from the outbox row and its incident, so a retry after a restart sends the same event.
/// </summary>
/// <param name="Id">The outbox id: the same on every retry of this alert (an idempotency key for receivers).</param>
/// <param name="Event"><c>down</c>, <c>recovered</c> or <c>repeat</c>.</param>
/// <param name="Status">The target's status the event reports: <c>DOWN</c> or <c>UP</c>.</param>
/// <param name="Check">The check's name.</param>
/// <param name="Host">The host as configured (a name or an address).</param>
/// <param name="Port">The port; 0 for an icmp check.</param>
/// <param name="Target"><c>check/host:port</c>.</param>
/// <param name="IncidentId">The incident this alert is about.</param>
/// <param name="Since">When the outage began (the first failure).</param>
/// <param name="Ended">When it ended (recovered), else null.</param>
/// <param name="DurationSeconds">How long it lasted, or has lasted so far.</param>
/// <param name="Reason">The failure that opened the incident, in nmap's words.</param>
/// <param name="LastError">The latest failure.</param>
/// <param name="Message">One line for humans.</param>
/// <param name="Labels">The check's labels.</param>
/// <param name="Time">When the state changed (or the repeat fell due).</param>
internal sealed record AlertEvent(
    [property: JsonPropertyName("id")] long Id,
    [property: JsonPropertyName("event")] AlertKind Event,
    [property: JsonPropertyName("status")] AlertStatus Status,
    [property: JsonPropertyName("check")] string Check,
    [property: JsonPropertyName("host")] string Host,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("target")] string Target,
    [property: JsonPropertyName("incident_id")] long IncidentId,
    [property: JsonPropertyName("since")] DateTimeOffset Since,
    [property: JsonPropertyName("ended")] DateTimeOffset? Ended,
    [property: JsonPropertyName("duration_seconds")] double DurationSeconds,
    [property: JsonPropertyName("reason")] string Reason,
    [property: JsonPropertyName("last_error")] string? LastError,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("labels")] IReadOnlyDictionary<string, string> Labels,
    [property: JsonPropertyName("time")] DateTimeOffset Time);
