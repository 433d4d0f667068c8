using Reach.Monitoring.Config;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.State;

namespace Reach.Monitoring.Store;

/// <summary>
/// Where reach watch keeps state, history, incidents and the alert outbox. SQLite today; the interface holds no
/// SQLite type so a shared Postgres store (<c>--store postgres://…</c>) can implement it for a fleet of agents.
/// </summary>
/// <remarks>
/// The alert guarantee rests on <see cref="CommitTransitionAsync"/>: the new state, the incident change and one
/// outbox row per channel are one transaction. A crash before it commits loses the change (the next probe makes it
/// again, with its alerts); a crash after it leaves the alerts pending, and they are sent once after restart. An
/// alert marked sent is never sent again.
/// </remarks>
internal interface IMonitorStore : IAsyncDisposable
{
    /// <summary>Creates or upgrades the schema.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>The persisted state of every active target.</summary>
    Task<IReadOnlyDictionary<TargetKey, TargetState>> LoadStatesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Marks the given targets as the configured ones: new ones are added, missing ones retired (kept for history;
    /// an open incident of a retired target is closed with a note and no alert).
    /// </summary>
    Task SyncTargetsAsync(IReadOnlyCollection<TargetKey> configured, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Atomically: saves the new state, opens (WentDown) or closes (Recovered) the incident, and queues one alert per
    /// channel. Returns the state as saved (with the incident id of a new incident).
    /// </summary>
    Task<TargetState> CommitTransitionAsync(
        TargetKey target,
        StateTransition transition,
        IReadOnlyList<string> channels,
        DateTimeOffset now,
        CancellationToken cancellationToken);

    /// <summary>
    /// Atomically: a certificate's event in the incident history and, for a warning or its renewal, one alert per
    /// channel. Returns the open warning's id afterwards (null when none is open).
    /// </summary>
    Task<long?> CommitCertificateEventAsync(
        TargetKey target,
        CertificateEvent certificateEvent,
        long? warningId,
        IReadOnlyList<string> channels,
        DateTimeOffset now,
        CancellationToken cancellationToken);

    /// <summary>Every active target's last certificate fingerprint and open expiry warning (those with either).</summary>
    Task<IReadOnlyDictionary<TargetKey, CertificateMemory>> LoadCertificatesAsync(CancellationToken cancellationToken);

    /// <summary>Appends raw results and saves each target's latest state (counters, last error). Batched by the caller.</summary>
    Task RecordAsync(IReadOnlyList<ProbeRecord> records, CancellationToken cancellationToken);

    /// <summary>Alerts not yet sent whose next attempt is due, oldest first.</summary>
    Task<IReadOnlyList<PendingAlert>> GetDueAlertsAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    Task MarkAlertSentAsync(long id, DateTimeOffset at, CancellationToken cancellationToken);

    Task MarkAlertRetryAsync(long id, int attempts, DateTimeOffset nextAttempt, string failure, CancellationToken cancellationToken);

    /// <summary>Gives up on an alert (too many attempts, or its channel is no longer configured).</summary>
    Task MarkAlertAbandonedAsync(long id, DateTimeOffset at, string failure, CancellationToken cancellationToken);

    /// <summary>Queues a repeat alert for every open incident last alerted at least <paramref name="repeat"/> ago.</summary>
    Task<int> EnqueueDueRepeatsAsync(DateTimeOffset now, TimeSpan repeat, IReadOnlyList<string> channels, CancellationToken cancellationToken);

    /// <summary>Rolls raw results into minutes, minutes into hours, and deletes what is older than the retention.</summary>
    Task CompactAsync(DateTimeOffset now, HistoryRetention retention, CancellationToken cancellationToken);

    /// <summary>The latest state of every target (active ones, unless <paramref name="includeRetired"/>).</summary>
    Task<IReadOnlyList<TargetSnapshot>> GetLatestAsync(bool includeRetired, CancellationToken cancellationToken);

    Task<IReadOnlyList<Incident>> GetIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken);

    /// <summary>Probe counts per target over [since, until), from raw, minute and hour history together (24 h, 7 d, 30 d).</summary>
    Task<IReadOnlyList<UptimeSummary>> GetUptimeAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>One target's history over [since, until) in buckets of <paramref name="bucket"/> (a latency chart).</summary>
    Task<IReadOnlyList<LatencyPoint>> GetSeriesAsync(TargetKey target, DateTimeOffset since, DateTimeOffset until, TimeSpan bucket, CancellationToken cancellationToken);
}
