namespace Reach.Monitoring.Store;

/// <summary>An alert in the outbox: committed with the state change that caused it, sent by the dispatcher.</summary>
/// <param name="Id">The outbox id; also the event's idempotency key.</param>
/// <param name="Channel">The channel's key (<see cref="Config.AlertChannelConfig.Key"/>).</param>
/// <param name="Kind">Down, recovered or repeat.</param>
/// <param name="Incident">The incident it is about, as it is now.</param>
/// <param name="CreatedAt">When the state change happened.</param>
/// <param name="Attempts">Failed sends so far.</param>
internal sealed record PendingAlert(long Id, string Channel, AlertKind Kind, Incident Incident, DateTimeOffset CreatedAt, int Attempts);
