using System.Net.Http;
using System.Text.Json.Nodes;
using Reach.Monitoring.Alerts;
using Reach.Monitoring.Config;
using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Alerts;

public sealed class AlertChannelTests : IDisposable
{
    private static readonly AlertEvent Down = new(
        7, AlertKind.Down, AlertStatus.Down, "web", "db01", 5432, "web/db01:5432", 3,
        new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), null, 42, "closed (conn-refused): Connection refused", null,
        "DOWN web/db01:5432: closed (conn-refused): Connection refused",
        new Dictionary<string, string> { ["site"] = "paris" },
        new DateTimeOffset(2026, 1, 1, 12, 0, 42, TimeSpan.Zero));

    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    public void Dispose() => http.Dispose();

    [Theory]
    [InlineData(nameof(WebhookTemplate.Generic), "message")]
    [InlineData(nameof(WebhookTemplate.Slack), "text")]
    [InlineData(nameof(WebhookTemplate.Teams), "title")]
    [InlineData(nameof(WebhookTemplate.Telegram), "chat_id")]
    public async Task Webhook_PostsTheTemplatesShape(string templateName, string field)
    {
        var template = Enum.Parse<WebhookTemplate>(templateName);
        using var receiver = new WebhookReceiver();
        var channel = new WebhookChannel(new WebhookChannelConfig(receiver.Url, template, new Dictionary<string, string>(), "-100"), http);

        await channel.SendAsync(Down, ct);

        var body = Assert.Single(receiver.Received);
        Assert.NotNull(body[field]);
        if (template == WebhookTemplate.Generic)
        {
            Assert.Equal("web/db01:5432", (string)body["target"]!);
            Assert.Equal("paris", (string)body["labels"]!["site"]!);
            Assert.Equal(7, (long)body["id"]!);
            Assert.Equal(("down", "DOWN"), ((string)body["event"]!, (string)body["status"]!));
        }
    }

    [Theory]
    [InlineData(nameof(AlertStatus.Down), "reach: web/db01:5432 is DOWN", "D50000")]
    [InlineData(nameof(AlertStatus.Up), "reach: web/db01:5432 is UP", "2EB886")]
    public void TeamsCard_SaysTheStatus_InItsColor(string statusName, string title, string color)
    {
        var status = Enum.Parse<AlertStatus>(statusName);
        var channel = new WebhookChannel(new WebhookChannelConfig(new Uri("http://127.0.0.1:9/hook"), WebhookTemplate.Teams, new Dictionary<string, string>()), http);

        var card = JsonNode.Parse(channel.Body(Down with { Status = status }))!;

        Assert.Equal((title, color), ((string)card["title"]!, (string)card["themeColor"]!));
    }

    [Fact]
    public async Task Webhook_ErrorStatus_IsAFailedDelivery()
    {
        using var receiver = new WebhookReceiver { Status = 503 };
        var channel = new WebhookChannel(new WebhookChannelConfig(receiver.Url, WebhookTemplate.Generic, new Dictionary<string, string>()), http);

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => channel.SendAsync(Down, ct));
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Email_GoesThroughTheSmtpServer()
    {
        using var smtp = new SmtpSink();
        var channel = new EmailChannel(new EmailChannelConfig("127.0.0.1", smtp.Port, SmtpTlsMode.None, null, null, "reach@test.invalid", ["ops@test.invalid"]), TimeSpan.FromSeconds(10));

        await channel.SendAsync(Down, ct);

        var message = Assert.Single(smtp.Messages);
        Assert.Contains("Subject: [reach] DOWN web/db01:5432", message, StringComparison.Ordinal);
        Assert.Contains("ops@test.invalid", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_GetsTheEventInEnvironmentVariables()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "uses /bin/sh");
        using var dir = new TempDirectory();
        var output = Path.Combine(dir.Path, "env.txt");
        var channel = new CommandChannel(new CommandChannelConfig("/bin/sh", ["-c", $"env | grep '^REACH_' > '{output}'"], TimeSpan.FromSeconds(10)));

        await channel.SendAsync(Down, ct);

        var lines = await File.ReadAllLinesAsync(output, ct);
        Assert.Contains("REACH_EVENT=down", lines);
        Assert.Contains("REACH_STATUS=DOWN", lines);
        Assert.Contains("REACH_TARGET=web/db01:5432", lines);
        Assert.Contains("REACH_PORT=5432", lines);
        Assert.Contains("REACH_LABEL_SITE=paris", lines);
    }

    [Fact]
    public async Task Command_NonZeroExit_IsAFailedDelivery()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "uses /bin/sh");
        var channel = new CommandChannel(new CommandChannelConfig("/bin/sh", ["-c", "echo nope >&2; exit 3"], TimeSpan.FromSeconds(10)));

        var error = await Assert.ThrowsAsync<AlertDeliveryException>(() => channel.SendAsync(Down, ct));
        Assert.Equal("/bin/sh exited with 3: nope", error.Message);
    }
}
