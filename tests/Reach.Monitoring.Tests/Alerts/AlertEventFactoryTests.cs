using System.Text.Json.Nodes;
using Reach.Monitoring.Alerts;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Json;
using Reach.Monitoring.Store;

namespace Reach.Monitoring.Tests.Alerts;

public class AlertEventFactoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(nameof(AlertKind.Down), nameof(AlertStatus.Down), "down", "DOWN")]
    [InlineData(nameof(AlertKind.Recovered), nameof(AlertStatus.Up), "recovered", "UP")]
    [InlineData(nameof(AlertKind.Repeat), nameof(AlertStatus.Down), "repeat", "DOWN")]
    public void Create_EventAndStatus_AreSentInTheirWords(string kindName, string statusName, string eventWord, string statusWord)
    {
        var (kind, status) = (Enum.Parse<AlertKind>(kindName), Enum.Parse<AlertStatus>(statusName));
        var incident = new Incident(3, new TargetKey("web", "db01", 5432), T0, kind == AlertKind.Recovered ? T0.AddMinutes(2) : null, "closed (conn-refused)", null);

        var alert = AlertEventFactory.Create(new PendingAlert(7, "webhook:http://127.0.0.1:9/hook", kind, incident, T0.AddMinutes(2), 0), null, T0.AddMinutes(3));

        Assert.Equal((kind, status), (alert.Event, alert.Status));
        Assert.Equal((eventWord, statusWord), (alert.Event.ToWord(), alert.Status.ToWord()));
        var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(alert, WatchJsonContext.Webhook.AlertEvent))!;
        Assert.Equal((eventWord, statusWord), ((string)json["event"]!, (string)json["status"]!));
    }
}
