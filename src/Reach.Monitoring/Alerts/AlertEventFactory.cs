using Reach.Monitoring.Config;
using Reach.Monitoring.Store;

namespace Reach.Monitoring.Alerts;

/// <summary>Turns an outbox row into the event the channels send.</summary>
internal static class AlertEventFactory
{
    private static readonly IReadOnlyDictionary<string, string> NoLabels = new Dictionary<string, string>();

    public static AlertEvent Create(PendingAlert alert, IReadOnlyDictionary<string, string>? labels, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var incident = alert.Incident;
        var duration = incident.Duration(alert.Kind == AlertKind.Repeat ? now : alert.CreatedAt);
        var target = incident.Target.ToString();
        var took = ConfigDuration.Format(TimeSpan.FromSeconds(Math.Round(duration.TotalSeconds)));
        var (kind, status, message) = alert.Kind switch
        {
            AlertKind.Recovered => (AlertKind.Recovered, AlertStatus.Up, $"RECOVERED {target} after {took} down (was: {incident.LastError ?? incident.Reason})"),
            AlertKind.Warning => (AlertKind.Warning, AlertStatus.Warning, $"WARNING {target}: {incident.Reason}"),
            AlertKind.Resolved => (AlertKind.Resolved, AlertStatus.Up, $"RESOLVED {target}: {incident.EndNote ?? "resolved"} (was: {incident.Reason})"),
            AlertKind.Repeat => (AlertKind.Repeat, AlertStatus.Down, $"STILL DOWN {target} for {took}: {incident.LastError ?? incident.Reason}"),
            _ => (AlertKind.Down, AlertStatus.Down, $"DOWN {target}: {incident.Reason}"),
        };
        return new AlertEvent(
            alert.Id,
            kind,
            status,
            incident.Target.Check,
            incident.Target.Host,
            incident.Target.Port,
            target,
            incident.Id,
            incident.Start,
            alert.Kind is AlertKind.Recovered or AlertKind.Resolved ? incident.End : null,
            Math.Round(duration.TotalSeconds, 3),
            incident.Reason,
            incident.LastError,
            message,
            labels ?? NoLabels,
            alert.Kind == AlertKind.Repeat ? now : alert.CreatedAt);
    }
}
