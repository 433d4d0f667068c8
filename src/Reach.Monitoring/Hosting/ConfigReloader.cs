using Reach.Monitoring.Platform;

namespace Reach.Monitoring.Hosting;

/// <summary>
/// Asks for a reload when the config file (or a targets_file it names) changes, debounced because editors write a
/// file in several steps, and on SIGHUP (<c>systemctl reload</c>). Reloads never overlap.
/// </summary>
internal sealed class ConfigReloader : IDisposable
{
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(500);

    private readonly Func<Task> reload;
    private readonly FileSystemWatcher watcher;
    private readonly IDisposable? hangup;
    private readonly ITimer debounce;
    private readonly SemaphoreSlim running = new(1, 1);
    private volatile HashSet<string> watched;

    /// <param name="files">Absolute paths whose change means "reload": the config and its targets files.</param>
    /// <param name="reload">Loads and applies the file; must not throw.</param>
    /// <param name="time">The clock of the debounce timer.</param>
    public ConfigReloader(IReadOnlyCollection<string> files, Func<Task> reload, TimeProvider time)
        : this(files, reload, time, MonitoringPlatform.ReloadSignal)
    {
    }

    /// <param name="files">Absolute paths whose change means "reload": the config and its targets files.</param>
    /// <param name="reload">Loads and applies the file; must not throw.</param>
    /// <param name="time">The clock of the debounce timer.</param>
    /// <param name="signal">The OS's reload signal (SIGHUP on Unix, none on Windows).</param>
    internal ConfigReloader(IReadOnlyCollection<string> files, Func<Task> reload, TimeProvider time, IReloadSignal signal)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(signal);
        this.reload = reload ?? throw new ArgumentNullException(nameof(reload));
        watched = Normalize(files);
        debounce = time.CreateTimer(_ => _ = RunAsync(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        // The folder, not the file: editors replace files by rename, which a watch on the file itself would miss.
        var folder = Path.GetDirectoryName(watched.First()) ?? ".";
        watcher = new FileSystemWatcher(folder)
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size | NotifyFilters.CreationTime,
            IncludeSubdirectories = false,
        };
        watcher.Changed += OnFileEvent;
        watcher.Created += OnFileEvent;
        watcher.Renamed += OnFileEvent;
        watcher.EnableRaisingEvents = true;

        hangup = signal.Listen(() => Trigger(TimeSpan.Zero));
    }

    /// <summary>The files to watch after a reload (a targets_file may have been added).</summary>
    public void Watch(IReadOnlyCollection<string> files) => watched = Normalize(files);

    public void Dispose()
    {
        hangup?.Dispose();
        watcher.Dispose();
        debounce.Dispose();
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (watched.Contains(Path.GetFullPath(e.FullPath)))
        {
            Trigger(Debounce);
        }
    }

    private void Trigger(TimeSpan delay) => debounce.Change(delay == TimeSpan.Zero ? TimeSpan.FromTicks(1) : delay, Timeout.InfiniteTimeSpan);

    private async Task RunAsync()
    {
        await running.WaitAsync().ConfigureAwait(false);
        try
        {
            await reload().ConfigureAwait(false);
        }
        finally
        {
            running.Release();
        }
    }

    private static HashSet<string> Normalize(IEnumerable<string> files) => [.. files.Select(Path.GetFullPath)];
}
