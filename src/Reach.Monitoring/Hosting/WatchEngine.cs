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
/// <remarks>
/// Its seams are given, not built: the scheduler (over a prober), the alert dispatcher, the alert channels of a
/// configuration and the clock. <see cref="WatchHost"/> wires the real ones; a test gives a scripted prober, a fake
/// clock and recording channels over a real store.
/// </remarks>
internal sealed partial class WatchEngine : IAsyncDisposable
{
    private static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaintenanceInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CompactionInterval = TimeSpan.FromMinutes(10);

    private readonly IMonitorStore store;
    private readonly TimeProvider time;
    private readonly ILogger<WatchEngine> logger;
    private readonly ProbeSchedulerFactory schedulerFactory;
    private readonly AlertChannelFactory channelFactory;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Lock bufferGate = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> loops = [];
    private Dictionary<TargetKey, TargetState> states = [];
    private Dictionary<TargetKey, MonitoredTarget> targets = [];
    private Dictionary<TargetKey, CertificateMemory> certificates = [];
    private List<ProbeRecord> buffer = [];
    private ProbeScheduler? scheduler;
    private WatchConfig? config;
    private DateTimeOffset nextCompaction;

    /// <summary>The engine's clock, which the HTTP API reads "now" from too (injected: tests move it).</summary>
    public TimeProvider Time => time;

    /// <param name="store">Where state, history, incidents and the alert outbox go.</param>
    /// <param name="schedulerFactory">The scheduler for a concurrency (over the prober).</param>
    /// <param name="alerts">Sends what the outbox holds; over the same <paramref name="store"/>. The engine runs its loop
    /// and configures its channels, but does not dispose it: whoever made it does.</param>
    /// <param name="channelFactory">The channels of a configuration's <c>alerts:</c>, at start and on every reload.</param>
    /// <param name="time">The clock of every wait and every "now".</param>
    /// <param name="logger">Where starts, reloads and state changes are logged.</param>
    public WatchEngine(
        IMonitorStore store,
        ProbeSchedulerFactory schedulerFactory,
        AlertDispatcher alerts,
        AlertChannelFactory channelFactory,
        TimeProvider time,
        ILogger<WatchEngine> logger)
    {
        this.store = store ?? throw new ArgumentNullException(nameof(store));
        this.schedulerFactory = schedulerFactory ?? throw new ArgumentNullException(nameof(schedulerFactory));
        Alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        this.channelFactory = channelFactory ?? throw new ArgumentNullException(nameof(channelFactory));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.logger = logger ?? throw new ArgumentNullException(nameof(logger));
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
            var persistedCertificates = await store.LoadCertificatesAsync(cancellationToken).ConfigureAwait(false);
            var nextStates = new Dictionary<TargetKey, TargetState>();
            foreach (var key in nextTargets.Keys)
            {
                nextStates[key] = states.TryGetValue(key, out var live) ? live : persisted.GetValueOrDefault(key) ?? TargetState.Initial;
            }

            var added = nextTargets.Keys.Count(k => !targets.ContainsKey(k));
            var removed = targets.Keys.Count(k => !nextTargets.ContainsKey(k));
            states = nextStates;
            certificates = nextTargets.Keys
                .Select(k => (Key: k, Memory: certificates.GetValueOrDefault(k) ?? persistedCertificates.GetValueOrDefault(k)))
                .Where(c => c.Memory is not null)
                .ToDictionary(c => c.Key, c => c.Memory!);
            targets = nextTargets;
            config = next;
            Alerts.Configure(new AlertRouting(
                channelFactory(next.Alerts),
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

    /// <summary>Builds the channels of a configuration's <c>alerts:</c> (<see cref="AlertChannels.Create"/> in the service; recording fakes in tests).</summary>
    public delegate IReadOnlyList<IAlertChannel> AlertChannelFactory(IReadOnlyList<AlertChannelConfig> configs);
}
