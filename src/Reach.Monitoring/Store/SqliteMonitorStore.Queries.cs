using System.Text;
using Reach.Monitoring.Expansion;

namespace Reach.Monitoring.Store;

/// <summary>Read-only queries for the status page, the API and reports; each on its own connection (WAL readers).</summary>
public sealed partial class SqliteMonitorStore
{
    public async Task<IReadOnlyList<TargetSnapshot>> GetLatestAsync(bool includeRetired, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            $"""
            SELECT {StateColumns}, t.last_state, t.last_reason, t.last_latency_us, t.last_address, t.active
            FROM targets t {(includeRetired ? string.Empty : "WHERE t.active = 1")}
            ORDER BY t.check_name, t.host, t.port
            """);
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
                reader.GetInt64(15) == 1));
        }

        return list;
    }

    public async Task<IReadOnlyList<Incident>> GetIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = new StringBuilder($"SELECT {IncidentColumns} FROM incidents i JOIN targets t ON t.id = i.target WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        if (query.From is { } from)
        {
            sql.Append(" AND (i.ended IS NULL OR i.ended >= $from)");
            parameters.Add(("$from", ToMs(from)));
        }

        if (query.To is { } to)
        {
            sql.Append(" AND i.started < $to");
            parameters.Add(("$to", ToMs(to)));
        }

        if (query.Target is { } target)
        {
            sql.Append(" AND t.check_name = $c AND t.host = $h AND t.port = $p");
            parameters.AddRange([("$c", target.Check), ("$h", target.Host), ("$p", target.Port)]);
        }

        if (query.Check is { } check)
        {
            sql.Append(" AND t.check_name = $check");
            parameters.Add(("$check", check));
        }

        if (query.OpenOnly)
        {
            sql.Append(" AND i.ended IS NULL");
        }

        sql.Append(" ORDER BY i.started DESC, i.id DESC LIMIT $limit");
        parameters.Add(("$limit", query.Limit));

        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
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
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            """
            SELECT t.check_name, t.host, t.port, SUM(x.p), SUM(x.s), SUM(x.f) FROM targets t JOIN (
                SELECT target, COUNT(*) AS p, SUM(verdict = 1) AS s, SUM(verdict = 0) AS f FROM results WHERE at >= $from AND at < $to GROUP BY target
                UNION ALL
                SELECT target, SUM(probes), SUM(successes), SUM(failures) FROM results_minute WHERE bucket >= $from AND bucket < $to GROUP BY target
                UNION ALL
                SELECT target, SUM(probes), SUM(successes), SUM(failures) FROM results_hour WHERE bucket >= $from AND bucket < $to GROUP BY target
            ) x ON x.target = t.id
            GROUP BY t.id ORDER BY t.check_name, t.host, t.port
            """,
            ("$from", ToMs(since)), ("$to", ToMs(until)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<UptimeSummary>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(new UptimeSummary(ReadKey(reader, 0), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }

        return list;
    }

    public async Task<IReadOnlyList<LatencyPoint>> GetSeriesAsync(TargetKey target, DateTimeOffset since, DateTimeOffset until, TimeSpan bucket, CancellationToken cancellationToken)
    {
        var size = Math.Max(1000L, (long)bucket.TotalMilliseconds);
        await using var connection = await OpenReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null,
            """
            SELECT k, SUM(p), SUM(s), SUM(f), SUM(ls), SUM(lc), MIN(lmin), MAX(lmax) FROM (
                SELECT (at / $size) * $size AS k, COUNT(*) AS p, SUM(verdict = 1) AS s, SUM(verdict = 0) AS f,
                       COALESCE(SUM(latency_us), 0) AS ls, COUNT(latency_us) AS lc, MIN(latency_us) AS lmin, MAX(latency_us) AS lmax
                FROM results WHERE target = $id AND at >= $from AND at < $to GROUP BY k
                UNION ALL
                SELECT (bucket / $size) * $size, SUM(probes), SUM(successes), SUM(failures), SUM(latency_sum_us), SUM(latency_count), MIN(latency_min_us), MAX(latency_max_us)
                FROM results_minute WHERE target = $id AND bucket >= $from AND bucket < $to GROUP BY 1
                UNION ALL
                SELECT (bucket / $size) * $size, SUM(probes), SUM(successes), SUM(failures), SUM(latency_sum_us), SUM(latency_count), MIN(latency_min_us), MAX(latency_max_us)
                FROM results_hour WHERE target = $id AND bucket >= $from AND bucket < $to GROUP BY 1
            ) GROUP BY k ORDER BY k
            """,
            ("$size", size), ("$id", await FindTargetIdAsync(connection, target, cancellationToken).ConfigureAwait(false) ?? -1L), ("$from", ToMs(since)), ("$to", ToMs(until)));
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

    private static async Task<long?> FindTargetIdAsync(Microsoft.Data.Sqlite.SqliteConnection connection, TargetKey target, CancellationToken cancellationToken) =>
        (long?)await ScalarAsync(connection, null, "SELECT id FROM targets WHERE check_name = $c AND host = $h AND port = $p", cancellationToken,
            ("$c", target.Check), ("$h", target.Host), ("$p", target.Port)).ConfigureAwait(false);
}
