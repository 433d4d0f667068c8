using Microsoft.Extensions.Logging;

namespace Reach.Monitoring.Hosting;

/// <summary>The engine's log lines: one per event, generated (no formatting cost when the level is off).</summary>
internal sealed partial class WatchEngine
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "watching {Config}: {Summary} ({Down} down at start)")]
    private partial void LogStarted(string config, string summary, int down);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "reloaded {Config}: {Summary} ({Added} added, {Removed} removed)")]
    private partial void LogReloaded(string config, string summary, int added, int removed);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "concurrency {Old} stays until restart (the new file asks for {New})")]
    private partial void LogConcurrencyAtRestart(int old, int @new);

    [LoggerMessage(EventId = 200, Level = LogLevel.Warning, Message = "{Target} DOWN: {Reason} (since {Since:O}, incident {Incident})")]
    private partial void LogDown(string target, string reason, DateTimeOffset since, long incident);

    [LoggerMessage(EventId = 201, Level = LogLevel.Information, Message = "{Target} UP again after {Duration} down")]
    private partial void LogRecovered(string target, string duration);

    [LoggerMessage(EventId = 202, Level = LogLevel.Information, Message = "{Target} UP")]
    private partial void LogUp(string target);

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "{Target}: {Event}")]
    private partial void LogCertificate(string target, string @event);

    [LoggerMessage(EventId = 500, Level = LogLevel.Error, Message = "store error ({Type}): {Error}")]
    private partial void LogStoreFailed(string type, string error);
}
