using System.Text.Json;
using Reach.Monitoring.Http;
using Reach.Monitoring.Json;

namespace Reach.Monitoring.Tests.Http;

/// <summary>The watch API's JSON byte for byte: compact, snake_case, nulls written, the default (HTML-safe) escaping.</summary>
public class ApiJsonBytesTests
{
    [Fact]
    public void Targets_WriteEveryField_NullsIncluded()
    {
        List<ApiTarget> targets =
        [
            new("web/db01:5432", "web", "db01", null, 5432, "down", new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), null, 0.25, "closed (conn-refused)", null, 3, 0.5, null, 1, true),
        ];

        Assert.Equal(
            """[{"id":"web/db01:5432","check":"web","host":"db01","address":null,"port":5432,"state":"down","since":"2026-01-01T12:00:00+00:00","last_probe":null,"last_rtt_ms":0.25,"last_result":"closed (conn-refused)","last_error":null,"open_incident_id":3,"uptime_24h":0.5,"uptime_7d":null,"uptime_30d":1,"active":true,"tls":null,"http":null,"answer":null,"answered":null}]""",
            JsonSerializer.Serialize(targets, WatchJsonContext.Default.ListApiTarget));
    }

    [Fact]
    public void Error_UsesTheDefaultEscaping()
    {
        Assert.Equal(
            """{"error":"no target \u0027x\u0027 (ids look like check/host:port)"}""",
            JsonSerializer.Serialize(new ApiError("no target 'x' (ids look like check/host:port)"), WatchJsonContext.Default.ApiError));
    }
}
