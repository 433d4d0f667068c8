using Reach.Monitoring.Config;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>
/// A store whose result writes take <paramref name="delay"/> of real time and give up when cancelled, as a write over
/// the network to PostgreSQL does; everything else is the inner store's.
/// </summary>
internal sealed class SlowWritesStore(IMonitorStore inner, TimeSpan delay) : IMonitorStore
{
    /// <summary>Result writes begun (the flush loop's, and the one at stop).</summary>
    public int WritesBegun => Volatile.Read(ref writesBegun);

    private int writesBegun;

    public async Task RecordAsync(IReadOnlyList<ProbeRecord> records, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref writesBegun);
        await Task.Delay(delay, cancellationToken);
        await inner.RecordAsync(records, cancellationToken);
    }

    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<IReadOnlyDictionary<TargetKey, TargetState>> LoadStatesAsync(CancellationToken cancellationToken) => inner.LoadStatesAsync(cancellationToken);

    public Task SyncTargetsAsync(IReadOnlyCollection<TargetKey> configured, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.SyncTargetsAsync(configured, now, cancellationToken);

    public Task<TargetState> CommitTransitionAsync(TargetKey target, StateTransition transition, IReadOnlyList<string> channels, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.CommitTransitionAsync(target, transition, channels, now, cancellationToken);

    public Task<long?> CommitCertificateEventAsync(TargetKey target, CertificateEvent certificateEvent, long? warningId, IReadOnlyList<string> channels, DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.CommitCertificateEventAsync(target, certificateEvent, warningId, channels, now, cancellationToken);

    public Task<IReadOnlyDictionary<TargetKey, CertificateMemory>> LoadCertificatesAsync(CancellationToken cancellationToken) => inner.LoadCertificatesAsync(cancellationToken);

    public Task<IReadOnlyList<PendingAlert>> GetDueAlertsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) => inner.GetDueAlertsAsync(now, limit, cancellationToken);

    public Task MarkAlertSentAsync(long id, DateTimeOffset at, CancellationToken cancellationToken) => inner.MarkAlertSentAsync(id, at, cancellationToken);

    public Task MarkAlertRetryAsync(long id, int attempts, DateTimeOffset nextAttempt, string failure, CancellationToken cancellationToken) =>
        inner.MarkAlertRetryAsync(id, attempts, nextAttempt, failure, cancellationToken);

    public Task MarkAlertAbandonedAsync(long id, DateTimeOffset at, string failure, CancellationToken cancellationToken) => inner.MarkAlertAbandonedAsync(id, at, failure, cancellationToken);

    public Task<int> EnqueueDueRepeatsAsync(DateTimeOffset now, TimeSpan repeat, IReadOnlyList<string> channels, CancellationToken cancellationToken) =>
        inner.EnqueueDueRepeatsAsync(now, repeat, channels, cancellationToken);

    public Task CompactAsync(DateTimeOffset now, HistoryRetention retention, CancellationToken cancellationToken) => inner.CompactAsync(now, retention, cancellationToken);

    public Task<IReadOnlyList<TargetSnapshot>> GetLatestAsync(bool includeRetired, CancellationToken cancellationToken) => inner.GetLatestAsync(includeRetired, cancellationToken);

    public Task<IReadOnlyList<Incident>> GetIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken) => inner.GetIncidentsAsync(query, cancellationToken);

    public Task<IReadOnlyList<UptimeSummary>> GetUptimeAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) => inner.GetUptimeAsync(since, until, cancellationToken);

    public Task<IReadOnlyList<LatencyPoint>> GetSeriesAsync(TargetKey target, DateTimeOffset since, DateTimeOffset until, TimeSpan bucket, CancellationToken cancellationToken) =>
        inner.GetSeriesAsync(target, since, until, bucket, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
