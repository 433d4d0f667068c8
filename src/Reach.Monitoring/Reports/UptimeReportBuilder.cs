using Reach.Monitoring.Store;

namespace Reach.Monitoring.Reports;

/// <summary>Builds an <see cref="UptimeReport"/> from the store's read queries (latest state, uptime, incidents).</summary>
internal static class UptimeReportBuilder
{
    /// <summary>Enough for any real period; a report is not paged.</summary>
    private const int MaxIncidents = 100_000;

    /// <param name="store">Any store, opened for reading.</param>
    /// <param name="from">The period's start.</param>
    /// <param name="to">The period's end (exclusive).</param>
    /// <param name="now">Open incidents last until then (or <paramref name="to"/>, when earlier).</param>
    /// <param name="check">Only this check's targets; null for all.</param>
    /// <param name="downOnly">Only targets DOWN now or at some time in the period.</param>
    /// <param name="cancellationToken">Stops the queries.</param>
    public static async Task<UptimeReport> BuildAsync(
        IMonitorStore store,
        DateTimeOffset from,
        DateTimeOffset to,
        DateTimeOffset now,
        string? check,
        bool downOnly,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var latest = await store.GetLatestAsync(includeRetired: true, cancellationToken).ConfigureAwait(false);
        var uptime = (await store.GetUptimeAsync(from, to, cancellationToken).ConfigureAwait(false)).ToDictionary(u => u.Target);
        // Only outages are downtime: a certificate's warning or change happened while the target was up.
        var incidents = (await store.GetIncidentsAsync(new IncidentQuery(from, to, Check: check, Limit: MaxIncidents), cancellationToken).ConfigureAwait(false))
            .Where(i => i.Kind == IncidentKind.Outage).ToList();
        var byTarget = incidents.ToLookup(i => i.Target);
        var until = now < to ? now : to;

        var targets = new List<TargetUptime>();
        foreach (var snapshot in latest)
        {
            var key = snapshot.Target;
            if (check is not null && !string.Equals(key.Check, check, StringComparison.Ordinal))
            {
                continue;
            }

            var counts = uptime.GetValueOrDefault(key);
            var own = byTarget[key].ToList();
            if (!snapshot.Active && counts is null && own.Count == 0)
            {
                continue; // retired before the period: nothing to say about it
            }

            var down = own.Aggregate(TimeSpan.Zero, (sum, incident) => sum + Overlap(incident, from, until));
            var report = new TargetUptime(
                key,
                snapshot.State.Status,
                snapshot.Active,
                counts?.Probes ?? 0,
                counts?.Successes ?? 0,
                counts?.Failures ?? 0,
                down,
                own.Count,
                snapshot.State.LastError);
            if (!downOnly || report.HadDowntime)
            {
                targets.Add(report);
            }
        }

        var shown = targets.Select(t => t.Target).ToHashSet();
        return new UptimeReport(from, to, now, targets, [.. incidents.Where(i => shown.Contains(i.Target))]);
    }

    /// <summary>The names of the checks the store has history of, retired ones too, sorted: what <c>--check</c> may name.</summary>
    public static async Task<IReadOnlyList<string>> KnownChecksAsync(IMonitorStore store, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var latest = await store.GetLatestAsync(includeRetired: true, cancellationToken).ConfigureAwait(false);
        return [.. latest.Select(s => s.Target.Check).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>The part of an incident inside [from, until]; an open one lasts until <paramref name="until"/>.</summary>
    internal static TimeSpan Overlap(Incident incident, DateTimeOffset from, DateTimeOffset until)
    {
        var start = incident.Start > from ? incident.Start : from;
        var end = incident.End is { } e && e < until ? e : until;
        return end > start ? end - start : TimeSpan.Zero;
    }
}
