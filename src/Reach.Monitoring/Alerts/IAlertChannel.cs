namespace Reach.Monitoring.Alerts;

/// <summary>Somewhere alerts go. <see cref="SendAsync"/> throws <see cref="AlertDeliveryException"/> when the alert did not get through.</summary>
internal interface IAlertChannel
{
    /// <summary>The channel's key (<see cref="Config.AlertChannelConfig.Key"/>), as written in the outbox.</summary>
    string Key { get; }

    Task SendAsync(AlertEvent alert, CancellationToken cancellationToken);
}
