using System.Data.Common;
using System.Text;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.State;
using static Reach.Monitoring.Store.StoredValues;

namespace Reach.Monitoring.Store;

/// <summary>
/// The read queries of both stores (states at start, the status page, the API, reports), on a connection the store
/// opened for them. Counts are cast to BIGINT because PostgreSQL sums bigints into numerics.
/// </summary>
internal static class StoreQueries
{
    /// <summary>The probe, success and failure counts of raw results, the same columns the rolled-up tables keep.</summary>
    private const string RawCounts = "COUNT(*) AS p, COUNT(CASE WHEN verdict = 1 THEN 1 END) AS s, COUNT(CASE WHEN verdict = 0 THEN 1 END) AS f";

    public static async Task<IReadOnlyDictionary<TargetKey, TargetState>> LoadStatesAsync(DbConnection connection, StoreDialect dialect, CancellationToken cancellationToken)
    {
        var rows = await StoreCommands.QueryAsync(connection, null,
            $"SELECT {StoreRows.StateColumns} FROM targets t WHERE t.active = 1 AND {dialect.OwnTargets}",
            reader => (Key: StoreRows.ReadKey(reader, 0), State: StoreRows.ReadState(reader, 3)),
            cancellationToken, dialect.WithScope()).ConfigureAwait(false);
        var states = new Dictionary<TargetKey, TargetState>();
        foreach (var (key, state) in rows)
        {
            states[key] = state;
        }

        return states;
    }

    public static async Task<IReadOnlyDictionary<TargetKey, CertificateMemory>> LoadCertificatesAsync(DbConnection connection, StoreDialect dialect, CancellationToken cancellationToken)
    {
        var rows = await StoreCommands.QueryAsync(connection, null,
            $"""
            SELECT t.check_name, t.host, t.port, t.last_detail,
                (SELECT MAX(i.id) FROM incidents i WHERE i.target = t.id AND i.kind = {(int)IncidentKind.CertificateExpiring} AND i.ended IS NULL)
            FROM targets t WHERE t.active = 1 AND {dialect.OwnTargets}
            """,
            reader => (Key: StoreRows.ReadKey(reader, 0), Memory: new CertificateMemory(DetailsJson.Read(StoreRows.Text(reader, 3))?.Tls?.Sha256, StoreRows.Long(reader, 4))),
            cancellationToken, dialect.WithScope()).ConfigureAwait(false);
        return rows.Where(r => r.Memory.Sha256 is not null || r.Memory.WarningId is not null).ToDictionary(r => r.Key, r => r.Memory);
    }

    public static async Task<IReadOnlyList<TargetSnapshot>> LatestAsync(DbConnection connection, StoreDialect dialect, bool includeRetired, CancellationToken cancellationToken) =>
        await StoreCommands.QueryAsync(connection, null,
            $"""
            SELECT {StoreRows.SnapshotColumns}
            FROM targets t WHERE {dialect.ShownTargets} {(includeRetired ? string.Empty : "AND t.active = 1")}
            ORDER BY {dialect.TargetOrder}
            """,
            StoreRows.ReadSnapshot, cancellationToken, dialect.WithScope()).ConfigureAwait(false);

    public static async Task<IReadOnlyList<Incident>> IncidentsAsync(DbConnection connection, StoreDialect dialect, IncidentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {StoreRows.IncidentColumns} FROM incidents i JOIN targets t ON t.id = i.target WHERE {dialect.ShownTargets}");
        var parameters = new List<(string, object?)>();
        if (query.From is { } from)
        {
            sql.Append(" AND (i.ended IS NULL OR i.ended >= @from)");
            parameters.Add(("@from", ToMs(from)));
        }

        if (query.To is { } to)
        {
            sql.Append(" AND i.started < @to");
            parameters.Add(("@to", ToMs(to)));
        }

        if (query.Target is { } target)
        {
            sql.Append(" AND t.check_name = @c AND t.host = @h AND t.port = @p");
            parameters.AddRange([("@c", target.Check), ("@h", target.Host), ("@p", target.Port)]);
        }

        if (query.Check is { } check)
        {
            sql.Append(" AND t.check_name = @check");
            parameters.Add(("@check", check));
        }

        if (query.OpenOnly)
        {
            sql.Append(" AND i.ended IS NULL");
        }

        sql.Append(" ORDER BY i.started DESC, i.id DESC LIMIT @limit");
        parameters.Add(("@limit", query.Limit));
        return await StoreCommands.QueryAsync(connection, null, sql.ToString(), reader => StoreRows.ReadIncident(reader, 0),
            cancellationToken, dialect.WithScope([.. parameters])).ConfigureAwait(false);
    }

    public static async Task<IReadOnlyList<UptimeSummary>> UptimeAsync(DbConnection connection, StoreDialect dialect, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken) =>
        await StoreCommands.QueryAsync(connection, null,
            $"""
            SELECT t.check_name, t.host, t.port, CAST(SUM(x.p) AS BIGINT), CAST(SUM(x.s) AS BIGINT), CAST(SUM(x.f) AS BIGINT) FROM targets t JOIN (
                SELECT target, {RawCounts} FROM results WHERE at >= @from AND at < @to GROUP BY target
                UNION ALL
                SELECT target, SUM(probes), SUM(successes), SUM(failures) FROM results_minute WHERE bucket >= @from AND bucket < @to GROUP BY target
                UNION ALL
                SELECT target, SUM(probes), SUM(successes), SUM(failures) FROM results_hour WHERE bucket >= @from AND bucket < @to GROUP BY target
            ) x ON x.target = t.id
            WHERE {dialect.ShownTargets}
            GROUP BY t.id ORDER BY {dialect.TargetOrder}
            """,
            StoreRows.ReadUptime, cancellationToken, dialect.WithScope(("@from", ToMs(since)), ("@to", ToMs(until)))).ConfigureAwait(false);

    /// <summary>When the store shows every agent, the buckets of every agent watching the target are summed.</summary>
    public static async Task<IReadOnlyList<LatencyPoint>> SeriesAsync(
        DbConnection connection,
        StoreDialect dialect,
        TargetKey target,
        DateTimeOffset since,
        DateTimeOffset until,
        TimeSpan bucket,
        CancellationToken cancellationToken)
    {
        var size = Math.Max(1000L, (long)bucket.TotalMilliseconds);
        var ids = $"target IN (SELECT t.id FROM targets t WHERE {dialect.ShownTargets} AND t.check_name = @c AND t.host = @h AND t.port = @p)";
        const string Rolled = "SUM(probes), SUM(successes), SUM(failures), SUM(latency_sum_us), SUM(latency_count), MIN(latency_min_us), MAX(latency_max_us)";
        return await StoreCommands.QueryAsync(connection, null,
            $"""
            SELECT k, CAST(SUM(p) AS BIGINT), CAST(SUM(s) AS BIGINT), CAST(SUM(f) AS BIGINT), CAST(SUM(ls) AS BIGINT), CAST(SUM(lc) AS BIGINT), MIN(lmin), MAX(lmax) FROM (
                SELECT (at / @size) * @size AS k, {RawCounts},
                       COALESCE(SUM(latency_us), 0) AS ls, COUNT(latency_us) AS lc, MIN(latency_us) AS lmin, MAX(latency_us) AS lmax
                FROM results WHERE {ids} AND at >= @from AND at < @to GROUP BY 1
                UNION ALL
                SELECT (bucket / @size) * @size, {Rolled} FROM results_minute WHERE {ids} AND bucket >= @from AND bucket < @to GROUP BY 1
                UNION ALL
                SELECT (bucket / @size) * @size, {Rolled} FROM results_hour WHERE {ids} AND bucket >= @from AND bucket < @to GROUP BY 1
            ) x GROUP BY k ORDER BY k
            """,
            StoreRows.ReadLatencyPoint, cancellationToken,
            dialect.WithScope(("@size", size), ("@c", target.Check), ("@h", target.Host), ("@p", target.Port), ("@from", ToMs(since)), ("@to", ToMs(until)))).ConfigureAwait(false);
    }
}
