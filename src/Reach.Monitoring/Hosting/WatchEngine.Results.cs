using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;
using Reach.Monitoring.Scheduling;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;

namespace Reach.Monitoring.Hosting;

/// <summary>Applying probe results: state transitions committed with their alerts, results written in batches.</summary>
internal sealed partial class WatchEngine
{
    private const int MaxBuffered = 2000;

    private async Task ConsumeAsync(ProbeScheduler source)
    {
        await foreach (var completion in source.Completions.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            try
            {
                await ApplyResultAsync(completion).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // A store failure (disk full) loses this result, never the loop: the next probe tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogStoreFailed(ex.GetType().Name, ex.Message);
            }
        }
    }

    private async Task ApplyResultAsync(ProbeCompletion completion)
    {
        var key = completion.Target.Key;
        var flush = false;
        await gate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            if (!targets.TryGetValue(key, out var target) || !states.TryGetValue(key, out var state))
            {
                return; // removed by a reload while its probe ran
            }

            var transition = TargetStateMachine.Apply(state, completion.Outcome, Thresholds.Of(target.Check));
            var next = transition.Current;
            if (transition.Changed)
            {
                var alerting = transition.Kind is TransitionKind.WentDown or TransitionKind.Recovered;
                IReadOnlyList<string> channels = alerting ? Alerts.ChannelKeys : [];
                // Committed before the state is taken as changed: if this fails, the state stays as it was and the
                // next probe makes the same transition again, alerts included.
                next = await store.CommitTransitionAsync(key, transition, channels, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
                LogTransition(transition, key.ToString(), next);
                if (channels.Count > 0)
                {
                    Alerts.Wake();
                }
            }

            if (completion.Outcome.Details?.Tls is { } certificate && target.Check.Tls is { } tls)
            {
                await ObserveCertificateAsync(key, certificate, tls.WarnDays).ConfigureAwait(false);
            }

            states[key] = next;
            lock (bufferGate)
            {
                buffer.Add(new ProbeRecord(key, completion.Outcome, next));
                flush = buffer.Count >= MaxBuffered;
            }
        }
        finally
        {
            gate.Release();
        }

        if (flush)
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>A changed certificate is written to the history; an expiry warning opens once and closes on renewal.</summary>
    private async Task ObserveCertificateAsync(TargetKey key, TlsDetails certificate, int warnDays)
    {
        var memory = certificates.GetValueOrDefault(key) ?? CertificateMemory.None;
        var warningId = memory.WarningId;
        foreach (var certificateEvent in CertificateWatch.Observe(memory, certificate, warnDays))
        {
            var alerting = certificateEvent.Kind != CertificateEventKind.Changed;
            IReadOnlyList<string> channels = alerting ? Alerts.ChannelKeys : [];
            // Committed before it is remembered: if this fails, the next probe sees the same event again.
            warningId = await store.CommitCertificateEventAsync(key, certificateEvent, warningId, channels, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            LogCertificate(key.ToString(), CertificateEventWriter.Describe(certificateEvent));
            if (channels.Count > 0)
            {
                Alerts.Wake();
            }
        }

        certificates[key] = new CertificateMemory(certificate.Sha256, warningId);
    }

    private void LogTransition(StateTransition transition, string target, TargetState saved)
    {
        switch (transition.Kind)
        {
            case TransitionKind.WentDown:
                LogDown(target, saved.LastError ?? "down", saved.Since ?? time.GetUtcNow(), saved.OpenIncidentId ?? 0);
                break;
            case TransitionKind.Recovered:
                var duration = Monitoring.Config.ConfigDuration.Format(TimeSpan.FromSeconds(Math.Round((transition.DownDuration ?? TimeSpan.Zero).TotalSeconds)));
                LogRecovered(target, duration);
                break;
            case TransitionKind.BecameUp:
                LogUp(target);
                break;
        }
    }

    /// <summary>Every second: the buffered results in one transaction (a kill -9 loses at most this second).</summary>
    private async Task FlushLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(FlushInterval, time, cancellationToken).ConfigureAwait(false);
                // A write once begun is not cancelled by the stop: its batch has left the buffer, and a cancelled
                // transaction would lose it (the last second of results before a clean stop). Stop waits for it.
                await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Keep flushing: the store may come back (disk space freed).
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogStoreFailed(ex.GetType().Name, ex.Message);
            }
        }
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        List<ProbeRecord> batch;
        lock (bufferGate)
        {
            if (buffer.Count == 0)
            {
                return;
            }

            batch = buffer;
            buffer = [];
        }

        await store.RecordAsync(batch, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Repeat alerts while DOWN, and compaction of history, on a slow beat.</summary>
    private async Task MaintenanceLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var current = config!;
                var now = time.GetUtcNow();
                if (current.Repeat is { } repeat && Alerts.ChannelKeys.Count > 0
                    && await store.EnqueueDueRepeatsAsync(now, repeat, Alerts.ChannelKeys, cancellationToken).ConfigureAwait(false) > 0)
                {
                    Alerts.Wake();
                }

                if (now >= nextCompaction)
                {
                    await store.CompactAsync(now, current.History, cancellationToken).ConfigureAwait(false);
                    nextCompaction = now + CompactionInterval;
                }

                await Task.Delay(MaintenanceInterval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Maintenance failing must not stop monitoring; it is retried on the next beat.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogStoreFailed(ex.GetType().Name, ex.Message);
                await Task.Delay(MaintenanceInterval, time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
