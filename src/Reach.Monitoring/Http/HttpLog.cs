using Microsoft.Extensions.Logging;

namespace Reach.Monitoring.Http;

internal static partial class HttpLog
{
    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "HTTP on http://{Endpoint}/ (/api/checks, /api/incidents, /metrics, /healthz){Auth}")]
    public static partial void Listening(ILogger logger, string endpoint, string auth);
}
