using System.Text;
using Npgsql;
using Reach.Monitoring.Expansion;

namespace Reach.Monitoring.Store;

/// <summary>Read-only queries for the status page, the API and reports: this agent's targets, or every agent's.</summary>
public sealed partial class PostgresMonitorStore
{
    public async Task<IReadOnlyList<TargetSnapshot>> GetLatestAsync(bool includeRetired, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"""
            SELECT {StateColumns}, t.last_state, t.last_reason, t.last_latency_us, t.last_address, t.active
            FROM targets t WHERE {ViewFilter} {(includeRetired ? string.Empty : "AND t.active = 1")}
            ORDER BY t.check_name, t.host, t.port, t.agent
            """,
            ("agent", Agent));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<TargetSnapshot>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new TargetSnapshot(
                ReadKey(reader, 0),
                ReadState(reader, 3),
                Text(reader, 11),
                Text(reader, 12),
                Long(reader, 13) is { } us ? TimeSpan.FromTicks(us * 10) : null,
                Text(reader, 14),
                reader.GetInt32(15) == 1));
        }

        return list;
    }

    public async Task<IReadOnlyList<Incident>> GetIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {IncidentColumns} FROM incidents i JOIN targets t ON t.id = i.target WHERE {ViewFilter}");
        var parameters = new List<(string, object?)> { ("agent", Agent) };
        if (query.From is { } from)
        {
            sql.Append(" AND (i.ended IS NULL OR i.ended >= @from)");
            parameters.Add(("from", ToMs(from)));
        }

        if (query.To is { } to)
        {
            sql.Append(" AND i.started < @to");
            parameters.Add(("to", ToMs(to)));
        }

        if (query.Target is { } target)
        {
            sql.Append(" AND t.check_name = @c AND t.host = @h AND t.port = @p");
            parameters.AddRange([("c", target.Check), ("h", target.Host), ("p", target.Port)]);
        }

        if (query.Check is { } check)
        {
            sql.Append(" AND t.check_name = @check");
            parameters.Add(("check", check));
        }

        if (query.OpenOnly)
        {
            sql.Append(" AND i.ended IS NULL");
        }

        sql.Append(" ORDER BY i.started DESC, i.id DESC LIMIT @limit");
        parameters.Add(("limit", query.Limit));

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, sql.ToString(), [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<Incident>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(ReadIncident(reader, 0));
        }

        return list;
    }

    public async Task<IReadOnlyList<UptimeSummary>> GetUptimeAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"""
            SELECT t.check_name, t.host, t.port, SUM(x.p)::bigint, SUM(x.s)::bigint, SUM(x.f)::bigint FROM targets t JOIN (
                SELECT target, COUNT(*) AS p, COUNT(*) FILTER (WHERE verdict = 1) AS s, COUNT(*) FILTER (WHERE verdict = 0) AS f
                FROM results WHERE at >= @from AND at < @to GROUP BY target
                UNION ALL
                SELECT target, SUM(probes), SUM(successes), SUM(failures) FROM results_minute WHERE bucket >= @from AND bucket < @to GROUP BY target
                UNION ALL
                SELECT target, SUM(probes), SUM(successes), SUM(failures) FROM results_hour WHERE bucket >= @from AND bucket < @to GROUP BY target
            ) x ON x.target = t.id
            WHERE {ViewFilter}
            GROUP BY t.id ORDER BY t.check_name, t.host, t.port, t.agent
            """,
            ("from", ToMs(since)), ("to", ToMs(until)), ("agent", Agent));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<UptimeSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new UptimeSummary(ReadKey(reader, 0), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }

        return list;
    }

    /// <summary>With <see cref="AllAgents"/>, the buckets of every agent watching the target are summed.</summary>
    public async Task<IReadOnlyList<LatencyPoint>> GetSeriesAsync(TargetKey target, DateTimeOffset since, DateTimeOffset until, TimeSpan bucket, CancellationToken cancellationToken)
    {
        var size = Math.Max(1000L, (long)bucket.TotalMilliseconds);
        const string Ids = "target IN (SELECT t.id FROM targets t WHERE {0} AND t.check_name = @c AND t.host = @h AND t.port = @p)";
        var ids = string.Format(System.Globalization.CultureInfo.InvariantCulture, Ids, ViewFilter);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"""
            SELECT k, SUM(p)::bigint, SUM(s)::bigint, SUM(f)::bigint, SUM(ls)::bigint, SUM(lc)::bigint, MIN(lmin), MAX(lmax) FROM (
                SELECT (at / @size) * @size AS k, COUNT(*) AS p, COUNT(*) FILTER (WHERE verdict = 1) AS s, COUNT(*) FILTER (WHERE verdict = 0) AS f,
                       COALESCE(SUM(latency_us), 0) AS ls, COUNT(latency_us) AS lc, MIN(latency_us) AS lmin, MAX(latency_us) AS lmax
                FROM results WHERE {ids} AND at >= @from AND at < @to GROUP BY 1
                UNION ALL
                SELECT (bucket / @size) * @size, SUM(probes), SUM(successes), SUM(failures), SUM(latency_sum_us), SUM(latency_count), MIN(latency_min_us), MAX(latency_max_us)
                FROM results_minute WHERE {ids} AND bucket >= @from AND bucket < @to GROUP BY 1
                UNION ALL
                SELECT (bucket / @size) * @size, SUM(probes), SUM(successes), SUM(failures), SUM(latency_sum_us), SUM(latency_count), MIN(latency_min_us), MAX(latency_max_us)
                FROM results_hour WHERE {ids} AND bucket >= @from AND bucket < @to GROUP BY 1
            ) x GROUP BY k ORDER BY k
            """,
            ("size", size), ("agent", Agent), ("c", target.Check), ("h", target.Host), ("p", target.Port), ("from", ToMs(since)), ("to", ToMs(until)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<LatencyPoint>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var count = reader.GetInt64(5);
            list.Add(new LatencyPoint(
                FromMs(reader.GetInt64(0)),
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetInt64(3),
                count > 0 ? TimeSpan.FromTicks(reader.GetInt64(4) * 10 / count) : null,
                Long(reader, 6) is { } min ? TimeSpan.FromTicks(min * 10) : null,
                Long(reader, 7) is { } max ? TimeSpan.FromTicks(max * 10) : null));
        }

        return list;
    }
}
