using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reach.Monitoring.Config;

namespace Reach.Monitoring.Hosting;

/// <summary>
/// The hosted service: loads the configuration, runs the engine until the host stops (Ctrl+C, SIGTERM, the
/// service manager), and reloads on file change or SIGHUP. A bad new file is logged in one line and ignored:
/// the running configuration stays.
/// </summary>
public sealed partial class WatchService(WatchOptions options, WatchEngine engine, TimeProvider time, ILogger<WatchService> logger) : BackgroundService
{
    private ConfigReloader? reloaderRef;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var config = WatchConfigLoader.Load(options.ConfigPath, stoppingToken);
        LogDataDirectory(options.DataDirectory);
        await engine.StartAsync(config, stoppingToken).ConfigureAwait(false);
        using var reloader = new ConfigReloader(config.Files, () => ReloadAsync(stoppingToken), time);
        reloaderRef = reloader;
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            reloaderRef = null;
            await engine.StopAsync().ConfigureAwait(false);
            LogStopped();
        }
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        WatchConfig next;
        try
        {
            next = WatchConfigLoader.Load(options.ConfigPath, cancellationToken);
        }
        catch (ConfigException ex)
        {
            LogRejected(ex.Message);
            return;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return; // stopping
        }
#pragma warning disable CA1031 // A loader bug must not end monitoring either: the running configuration stays, and the log says why.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRejected($"{options.ConfigPath}: {ex.GetType().Name}: {ex.Message}");
            return;
        }

        try
        {
            await engine.ReloadAsync(next, cancellationToken).ConfigureAwait(false);
            reloaderRef?.Watch(next.Files);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A failed reload (store error) keeps the running configuration, like a bad file.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRejected($"{ex.GetType().Name}: {ex.Message}");
        }
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Error, Message = "configuration rejected, the running one stays: {Error}")]
    private partial void LogRejected(string error);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "data in {Directory}")]
    private partial void LogDataDirectory(string directory);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "stopped")]
    private partial void LogStopped();
}
