using Microsoft.Extensions.Logging;
using Reach.Monitoring.Alerts;
using Reach.Monitoring.Config;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Scheduling;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;

namespace Reach.Monitoring.Hosting;

/// <summary>
/// reach watch without the host: scheduler → state machine → store → alert outbox, plus the maintenance loop
/// (repeats, compaction). One consumer applies every probe result, so target state needs no lock of its own;
/// a reload swaps targets under the same gate.
/// </summary>
public sealed partial class WatchEngine : IAsyncDisposable
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaintenanceInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CompactionInterval = TimeSpan.FromMinutes(10);

    private readonly IMonitorStore store;
    private readonly TimeProvider time;
    private readonly HttpClient http;
    private readonly ILogger<WatchEngine> logger;
    private readonly ProbeSchedulerFactory schedulerFactory;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Lock bufferGate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> loops = [];
    private Dictionary<TargetKey, TargetState> states = [];
    private Dictionary<TargetKey, MonitoredTarget> targets = [];
    private List<ProbeRecord> buffer = [];
    private ProbeScheduler? scheduler;
    private WatchConfig? config;
    private DateTimeOffset nextCompaction;

    /// <summary>The engine's clock, which the HTTP API reads "now" from too (injected: tests move it).</summary>
    public TimeProvider Time => time;

    public WatchEngine(IMonitorStore store, ProbeSchedulerFactory schedulerFactory, TimeProvider time, HttpClient http, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.schedulerFactory = schedulerFactory ?? throw new ArgumentNullException(nameof(schedulerFactory));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.http = http ?? throw new ArgumentNullException(nameof(http));
        logger = loggers.CreateLogger<WatchEngine>();
        Alerts = new AlertDispatcher(store, time, loggers.CreateLogger<AlertDispatcher>());
    }

    public IMonitorStore Store => store;

    public AlertDispatcher Alerts { get; }

    /// <summary>The scheduler's timing (lag, skips) for /metrics; null before start.</summary>
    public SchedulerMetrics? SchedulerMetrics => scheduler?.Metrics;

    /// <summary>True from a successful start until stop: what /healthz reports.</summary>
    public bool IsRunning => scheduler is not null && config is not null && !stopping.IsCancellationRequested;

    /// <summary>The configuration in force.</summary>
    public WatchConfig? Config => config;

    /// <summary>A copy of every target's current state (the status page reads the store; this is for tests and /healthz).</summary>
    public async Task<IReadOnlyDictionary<TargetKey, TargetState>> SnapshotAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return new Dictionary<TargetKey, TargetState>(states);
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task StartAsync(WatchConfig initial, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(initial);
        await store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        scheduler = schedulerFactory(initial.Concurrency);
        await ApplyAsync(initial, isReload: false, cancellationToken).ConfigureAwait(false);
        nextCompaction = time.GetUtcNow();
        scheduler.Start();
        var token = stopping.Token;
        loops.Add(Task.Run(() => ConsumeAsync(scheduler), CancellationToken.None));
        loops.Add(Task.Run(() => FlushLoopAsync(token), CancellationToken.None));
        loops.Add(Task.Run(() => Alerts.RunAsync(token), CancellationToken.None));
        loops.Add(Task.Run(() => MaintenanceLoopAsync(token), CancellationToken.None));
    }

    /// <summary>Applies a new configuration: unchanged targets keep their state and slot; removed ones are retired.</summary>
    public Task ReloadAsync(WatchConfig next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (config is not null && next.Concurrency != config.Concurrency)
        {
            LogConcurrencyAtRestart(config.Concurrency, next.Concurrency);
        }

        return ApplyAsync(next, isReload: true, cancellationToken);
    }

    public async Task StopAsync()
    {
        if (scheduler is null || stopping.IsCancellationRequested)
        {
            return;
        }

        // Stop probing first; the consumer then drains the last results and ends with the channel.
        await scheduler.StopAsync().ConfigureAwait(false);
        await stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(loops).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (scheduler is not null)
        {
            await scheduler.DisposeAsync().ConfigureAwait(false);
        }

        Alerts.Dispose();
        stopping.Dispose();
        gate.Dispose();
    }

    private async Task ApplyAsync(WatchConfig next, bool isReload, CancellationToken cancellationToken)
    {
        var expanded = TargetExpander.Expand(next);
        var nextTargets = expanded.ToDictionary(t => t.Key);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await store.SyncTargetsAsync(nextTargets.Keys, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            var persisted = await store.LoadStatesAsync(cancellationToken).ConfigureAwait(false);
            var nextStates = new Dictionary<TargetKey, TargetState>();
            foreach (var key in nextTargets.Keys)
            {
                nextStates[key] = states.TryGetValue(key, out var live) ? live : persisted.GetValueOrDefault(key) ?? TargetState.Initial;
            }

            var added = nextTargets.Keys.Count(k => !targets.ContainsKey(k));
            var removed = targets.Keys.Count(k => !nextTargets.ContainsKey(k));
            states = nextStates;
            targets = nextTargets;
            config = next;
            Alerts.Configure(new AlertRouting(
                AlertChannels.Create(next.Alerts, http),
                next.Checks.ToDictionary(c => c.Name, c => c.Labels, StringComparer.Ordinal)));
            scheduler!.SetTargets(expanded);
            var summary = isReload
                ? ConfigSummary.Describe(next.Checks.Count, nextTargets.Count)
                : ConfigSummary.Describe(next.Checks.Count, nextTargets.Count, next.Alerts.Count);
            if (isReload)
            {
                LogReloaded(next.SourcePath, summary, added, removed);
            }
            else
            {
                var down = nextStates.Values.Count(s => s.Status == TargetHealth.Down);
                LogStarted(next.SourcePath, summary, down);
            }
        }
        finally
        {
            gate.Release();
        }

        Alerts.Wake();
    }

    /// <summary>A factory so tests can give the engine a scheduler over a fake prober and clock.</summary>
    public delegate ProbeScheduler ProbeSchedulerFactory(int concurrency);
}
