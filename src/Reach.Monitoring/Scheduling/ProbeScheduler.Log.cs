using Microsoft.Extensions.Logging;

namespace Reach.Monitoring.Scheduling;

/// <summary>The scheduler's log lines, generated.</summary>
internal sealed partial class ProbeScheduler
{
    [LoggerMessage(EventId = 501, Level = LogLevel.Error, Message = "probe of {Target} failed ({Type}): {Error}")]
    private partial void LogProbeFailed(string target, string type, string error);
}
