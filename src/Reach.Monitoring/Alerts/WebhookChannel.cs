using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Reach.Monitoring.Config;
using Reach.Monitoring.Json;

namespace Reach.Monitoring.Alerts;

/// <summary>POSTs the alert as JSON, in reach's own shape or a chat service's.</summary>
internal sealed class WebhookChannel(WebhookChannelConfig config, HttpClient http) : IAlertChannel
{
    public string Key => config.Key;

    public async Task SendAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var request = new HttpRequestMessage(HttpMethod.Post, config.Url)
        {
            Content = new StringContent(Body(alert), Encoding.UTF8, "application/json"),
        };
        // The same alert retried carries the same key: receivers can drop a duplicate.
        request.Headers.TryAddWithoutValidation("Idempotency-Key", string.Create(CultureInfo.InvariantCulture, $"reach-alert-{alert.Id}"));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("reach", "0.1"));
        foreach (var (name, value) in config.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new AlertDeliveryException(string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase} from {config.Url.GetLeftPart(UriPartial.Path)}"));
            }
        }
        catch (HttpRequestException ex)
        {
            throw new AlertDeliveryException($"{config.Url.GetLeftPart(UriPartial.Path)}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AlertDeliveryException($"{config.Url.GetLeftPart(UriPartial.Path)}: no answer within {http.Timeout.TotalSeconds:0} s", ex);
        }
    }

    internal string Body(AlertEvent alert) => config.Template switch
    {
        WebhookTemplate.Slack => JsonSerializer.Serialize(new SlackPayload(alert.Message), WatchJsonContext.Webhook.SlackPayload),
        WebhookTemplate.Teams => JsonSerializer.Serialize(
            new TeamsPayload("MessageCard", "https://schema.org/extensions", alert.Message, alert.Status switch { AlertStatus.Up => "2EB886", AlertStatus.Warning => "FFA000", _ => "D50000" }, $"reach: {alert.Target} is {alert.Status.ToWord()}", alert.Message),
            WatchJsonContext.Webhook.TeamsPayload),
        WebhookTemplate.Telegram => JsonSerializer.Serialize(new TelegramPayload(config.ChatId ?? string.Empty, alert.Message), WatchJsonContext.Webhook.TelegramPayload),
        _ => JsonSerializer.Serialize(alert, WatchJsonContext.Webhook.AlertEvent),
    };
}
