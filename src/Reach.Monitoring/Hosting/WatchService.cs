using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Reach.Monitoring.Config;

namespace Reach.Monitoring.Hosting;

/// <summary>
/// The hosted service: loads the configuration, runs the engine until the host stops (Ctrl+C, SIGTERM, the
/// service manager), and reloads on file change or SIGHUP. A bad new file is logged in one line and ignored:
/// the running configuration stays. The engine starts only once the host has started (the HTTP server is
/// listening): when the host fails to start (the port was taken after all), nothing has run that its disposal could
/// pull from under it.
/// </summary>
internal sealed partial class WatchService(WatchOptions options, WatchEngine engine, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<WatchService> logger) : BackgroundService
{
    private ConfigReloader? reloaderRef;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await HostStartedAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }

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

    /// <summary>True once the host has started; false when it stops (or fails to start) first.</summary>
    private async Task<bool> HostStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult(true));
        using var onStopping = stoppingToken.Register(() => started.TrySetResult(false));
        return await started.Task.ConfigureAwait(false);
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
