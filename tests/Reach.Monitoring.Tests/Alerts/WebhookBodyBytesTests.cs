using Reach.Monitoring.Alerts;
using Reach.Monitoring.Config;
using Reach.Monitoring.Store;

namespace Reach.Monitoring.Tests.Alerts;

/// <summary>
/// Webhook bodies byte for byte: receivers parse them, and some match on them. Compact, reach's own names, absent
/// fields left out (not null), the default (HTML-safe) escaping.
/// </summary>
public sealed class WebhookBodyBytesTests : IDisposable
{
    private static readonly AlertEvent Down = new(
        7, AlertKind.Down, AlertStatus.Down, "web", "db01", 5432, "web/db01:5432", 3,
        new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), null, 42.5, "closed (conn-refused): Connection refused", null,
        "DOWN web/db01:5432: \"it's\" <down> é",
        new Dictionary<string, string> { ["site"] = "paris" },
        new DateTimeOffset(2026, 1, 1, 12, 0, 42, TimeSpan.FromHours(2)));

    private static readonly AlertEvent Recovered = Down with
    {
        Event = AlertKind.Recovered,
        Status = AlertStatus.Up,
        Ended = new DateTimeOffset(2026, 1, 1, 12, 5, 0, TimeSpan.Zero),
        LastError = "timed out",
        Message = "UP web/db01:5432",
        Labels = new Dictionary<string, string>(),
    };

    private readonly HttpClient http = new();

    public void Dispose() => http.Dispose();

    [Fact]
    public void Generic_Down_LeavesOutWhatIsNull()
    {
        Assert.Equal(
            """{"id":7,"event":"down","status":"DOWN","check":"web","host":"db01","port":5432,"target":"web/db01:5432","incident_id":3,"since":"2026-01-01T12:00:00+00:00","duration_seconds":42.5,"reason":"closed (conn-refused): Connection refused","message":"DOWN web/db01:5432: \u0022it\u0027s\u0022 \u003Cdown\u003E \u00E9","labels":{"site":"paris"},"time":"2026-01-01T12:00:42+02:00"}""",
            Body(WebhookTemplate.Generic, Down));
    }

    [Fact]
    public void Generic_Recovered_WritesEndedAndLastError()
    {
        Assert.Equal(
            """{"id":7,"event":"recovered","status":"UP","check":"web","host":"db01","port":5432,"target":"web/db01:5432","incident_id":3,"since":"2026-01-01T12:00:00+00:00","ended":"2026-01-01T12:05:00+00:00","duration_seconds":42.5,"reason":"closed (conn-refused): Connection refused","last_error":"timed out","message":"UP web/db01:5432","labels":{},"time":"2026-01-01T12:00:42+02:00"}""",
            Body(WebhookTemplate.Generic, Recovered));
    }

    [Fact]
    public void Slack_IsTheTextOnly()
    {
        Assert.Equal(
            """{"text":"DOWN web/db01:5432: \u0022it\u0027s\u0022 \u003Cdown\u003E \u00E9"}""",
            Body(WebhookTemplate.Slack, Down));
    }

    [Fact]
    public void Teams_IsAMessageCard()
    {
        Assert.Equal(
            """{"@type":"MessageCard","@context":"https://schema.org/extensions","summary":"UP web/db01:5432","themeColor":"2EB886","title":"reach: web/db01:5432 is UP","text":"UP web/db01:5432"}""",
            Body(WebhookTemplate.Teams, Recovered));
    }

    [Fact]
    public void Telegram_NamesTheChat()
    {
        Assert.Equal(
            """{"chat_id":"-100","text":"UP web/db01:5432"}""",
            Body(WebhookTemplate.Telegram, Recovered));
    }

    private string Body(WebhookTemplate template, AlertEvent alert) =>
        new WebhookChannel(new WebhookChannelConfig(new Uri("http://127.0.0.1:9/hook"), template, new Dictionary<string, string>(), "-100"), http).Body(alert);
}
