using Reach.Monitoring.Config;

namespace Reach.Monitoring.Alerts;

/// <summary>Builds the channels of a configuration; the HTTP client is shared by every webhook.</summary>
internal static class AlertChannels
{
    /// <summary>How long one delivery attempt may take before it counts as failed.</summary>
    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(15);

    public static IReadOnlyList<IAlertChannel> Create(IEnumerable<AlertChannelConfig> configs, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(configs);
        return [.. configs.Select<AlertChannelConfig, IAlertChannel>(c => c switch
        {
            WebhookChannelConfig webhook => new WebhookChannel(webhook, http),
            CommandChannelConfig command => new CommandChannel(command),
            EmailChannelConfig email => new EmailChannel(email, AttemptTimeout),
            _ => throw new NotSupportedException(c.GetType().Name),
        })];
    }
}
