using Microsoft.Extensions.Logging;
using Reach.Monitoring.Store;

namespace Reach.Monitoring.Alerts;

/// <summary>
/// Sends what the outbox holds: each due alert through its channel, then marks it sent. A failure is retried with
/// backoff (<see cref="RetryPolicy"/>) and logged; channels are served in parallel so a slow or failing one delays
/// no other, and nothing here can stop the checks (they run in the scheduler, apart from this loop).
/// </summary>
/// <remarks>
/// The "sent" mark is written right after the channel accepted the alert. A crash in the milliseconds between the
/// two is the one window where an alert can go out twice; webhooks carry an Idempotency-Key (the outbox id) so a
/// receiver can drop such a duplicate. Every other crash sends each alert exactly once.
/// Every wait here (the poll, an attempt's timeout, the grace of a send at stop) and every "now" (due, retry
/// backoff) is read from the injected <see cref="TimeProvider"/>, so a test moves them with a fake clock.
/// </remarks>
internal sealed partial class AlertDispatcher(IMonitorStore store, TimeProvider time, ILogger<AlertDispatcher> logger) : IDisposable
{
    private const int BatchSize = 200;

    /// <summary>How often the outbox is read when no state change wakes the dispatcher (retries come due this way).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long a send in flight may still take once the service is stopping.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim wake = new(0);
    private volatile AlertRouting routing = AlertRouting.Empty;
    private Task? pendingWake; // only RunAsync touches it

    /// <summary>Failed delivery attempts since start (for /metrics).</summary>
    public long Failures => Interlocked.Read(ref failures);

    /// <summary>Alerts delivered since start.</summary>
    public long Delivered => Interlocked.Read(ref delivered);

    private long failures;
    private long delivered;

    /// <summary>Sets the channels and check labels (at start and on every reload).</summary>
    public void Configure(AlertRouting next) => routing = next ?? throw new ArgumentNullException(nameof(next));

    /// <summary>The configured channels' keys, as state changes write them into the outbox.</summary>
    public IReadOnlyList<string> ChannelKeys => routing.Keys;

    /// <summary>Asks for a pass now (a state change just queued alerts).</summary>
    public void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            wake.Release();
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A store error (disk full, locked) must not end alerting: log it and try again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogDispatchFailed(ex.GetType().Name, ex.Message);
            }

            try
            {
                await WaitForWakeAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: sends every due alert once. Returns how many were delivered.</summary>
    public async Task<int> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var current = routing;
        var due = await store.GetDueAlertsAsync(time.GetUtcNow(), BatchSize, cancellationToken).ConfigureAwait(false);
        var sent = await Task.WhenAll(due.GroupBy(a => a.Channel).Select(g => SendAllAsync(current, g.Key, [.. g], cancellationToken))).ConfigureAwait(false);
        return sent.Sum();
    }

    public void Dispose() => wake.Dispose();

    /// <summary>
    /// Waits for <see cref="Wake"/> or the poll interval, whichever comes first. The wait for a wake-up is kept across
    /// calls (as the scheduler's is): abandoned after a poll, it would take the next wake-up for itself and that pass
    /// would wait a whole interval.
    /// </summary>
    private async Task WaitForWakeAsync(CancellationToken cancellationToken)
    {
        pendingWake ??= wake.WaitAsync(cancellationToken);
        if (!pendingWake.IsCompleted)
        {
            var poll = Task.Delay(PollInterval, time, cancellationToken);
            if (await Task.WhenAny(pendingWake, poll).ConfigureAwait(false) != pendingWake)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return;
            }
        }

        await pendingWake.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        pendingWake = null;
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task<int> SendAllAsync(AlertRouting current, string channelKey, List<PendingAlert> alerts, CancellationToken cancellationToken)
    {
        var sent = 0;
        current.Channels.TryGetValue(channelKey, out var channel);
        foreach (var alert in alerts)
        {
            cancellationToken.ThrowIfCancellationRequested(); // stopping: no new sends
            var now = time.GetUtcNow();
            if (channel is null)
            {
                await store.MarkAlertAbandonedAsync(alert.Id, now, "the channel is no longer configured", cancellationToken).ConfigureAwait(false);
                LogAbandoned(alert.Kind, alert.Incident.Target.ToString(), channelKey, "the channel is no longer configured");
                continue;
            }

            var alertEvent = AlertEventFactory.Create(alert, current.LabelsOf(alert.Incident.Target.Check), now);
            try
            {
                // A stop does not cut a send in flight at once: the receiver may already have it, and only a finished
                // send is marked sent; cut, it would go out again at the next start. It gets StopGrace more.
                using var attempt = new CancellationTokenSource(AlertChannels.AttemptTimeout, time);
                using var onStop = cancellationToken.Register(() => attempt.CancelAfter(StopGrace));
                await channel.SendAsync(alertEvent, attempt.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Any failure of a channel (even a bug in it) is a failed attempt, retried later.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                await FailedAsync(alert, channelKey, ex is OperationCanceledException ? "timed out" : ex.Message, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await store.MarkAlertSentAsync(alert.Id, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            Interlocked.Increment(ref delivered);
            sent++;
            LogSent(alert.Kind, alertEvent.Target, channelKey, alert.Attempts + 1);
        }

        return sent;
    }

    private async Task FailedAsync(PendingAlert alert, string channelKey, string error, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref failures);
        var attempts = alert.Attempts + 1;
        var now = time.GetUtcNow();
        if (attempts >= RetryPolicy.MaxAttempts)
        {
            await store.MarkAlertAbandonedAsync(alert.Id, now, error, cancellationToken).ConfigureAwait(false);
            LogAbandoned(alert.Kind, alert.Incident.Target.ToString(), channelKey, $"{attempts} attempts failed, the last: {error}");
            return;
        }

        var delay = RetryPolicy.DelayAfter(attempts);
        await store.MarkAlertRetryAsync(alert.Id, attempts, now + delay, error, cancellationToken).ConfigureAwait(false);
        LogRetry(alert.Kind, alert.Incident.Target.ToString(), channelKey, attempts, error, delay.TotalSeconds);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "alert sent: {Kind} {Target} via {Channel} (attempt {Attempt})")]
    private partial void LogSent(AlertKind kind, string target, string channel, int attempt);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "alert failed: {Kind} {Target} via {Channel} (attempt {Attempt}): {Error}; retry in {Seconds} s")]
    private partial void LogRetry(AlertKind kind, string target, string channel, int attempt, string error, double seconds);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "alert abandoned: {Kind} {Target} via {Channel}: {Error}")]
    private partial void LogAbandoned(AlertKind kind, string target, string channel, string error);

    [LoggerMessage(EventId = 303, Level = LogLevel.Error, Message = "alert dispatch failed ({Type}): {Error}; retrying")]
    private partial void LogDispatchFailed(string type, string error);
}
