using System.Text.Json.Serialization;

namespace Reach.Monitoring.Alerts;

// The chat services' webhook bodies (Json/WatchJsonContext.cs lists them); the generic body is AlertEvent itself.

/// <summary>A Slack incoming-webhook message.</summary>
internal sealed record SlackPayload([property: JsonPropertyName("text")] string Text);

/// <summary>A Microsoft Teams (Office 365 connector) message card.</summary>
internal sealed record TeamsPayload(
    [property: JsonPropertyName("@type")] string Type,
    [property: JsonPropertyName("@context")] string Context,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("themeColor")] string ThemeColor,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text);

/// <summary>A Telegram Bot API sendMessage call.</summary>
internal sealed record TelegramPayload(
    [property: JsonPropertyName("chat_id")] string ChatId,
    [property: JsonPropertyName("text")] string Text);
