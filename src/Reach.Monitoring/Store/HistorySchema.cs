namespace Reach.Monitoring.Store;

/// <summary>
/// The tables of both stores, written once in each engine's <see cref="SchemaTypes"/>. Times are Unix milliseconds
/// (UTC); latencies microseconds.
/// </summary>
internal static class HistorySchema
{
    public static string Create(SchemaTypes types)
    {
        var (text, small, big) = (types.Text, types.Int, types.Long);
        var owner = types.Owner is { } column ? $"\n    {column} {text} NOT NULL," : string.Empty;
        var ownerKey = types.Owner is { } key ? $"{key}, " : string.Empty;
        return $"""
            CREATE TABLE IF NOT EXISTS {types.MetaTable} (key {text} PRIMARY KEY, value {text} NOT NULL);

            CREATE TABLE IF NOT EXISTS targets (
                id {types.TargetId},{owner}
                check_name {text} NOT NULL,
                host {text} NOT NULL,
                port {small} NOT NULL,
                active {small} NOT NULL DEFAULT 1,
                status {small} NOT NULL DEFAULT 0,
                since {big},
                failures {small} NOT NULL DEFAULT 0,
                successes {small} NOT NULL DEFAULT 0,
                streak_start {big},
                last_probe {big},
                last_error {text},
                last_state {text},
                last_reason {text},
                last_latency_us {big},
                last_address {text},
                open_incident {big},
                UNIQUE ({ownerKey}check_name, host, port));

            -- verdict: 1 success, 0 failure, 2 inconclusive.
            CREATE TABLE IF NOT EXISTS results (
                target {big} NOT NULL,
                at {big} NOT NULL,
                verdict {small} NOT NULL,
                latency_us {big},
                state {text} NOT NULL,
                reason {text} NOT NULL);
            CREATE INDEX IF NOT EXISTS results_target_at ON results (target, at);
            CREATE INDEX IF NOT EXISTS results_at ON results (at);

            {RolledUp("results_minute", types)}

            {RolledUp("results_hour", types)}

            CREATE TABLE IF NOT EXISTS incidents (
                id {types.SerialId},
                target {big} NOT NULL,
                started {big} NOT NULL,
                ended {big},
                reason {text} NOT NULL,
                last_error {text},
                end_note {text},
                last_alert {big});
            CREATE INDEX IF NOT EXISTS incidents_target ON incidents (target, started);
            CREATE INDEX IF NOT EXISTS incidents_open ON incidents (ended) WHERE ended IS NULL;

            -- The alert outbox: a row per (event, channel), written in the transaction of the state change.
            CREATE TABLE IF NOT EXISTS outbox (
                id {types.SerialId},
                channel {text} NOT NULL,
                kind {small} NOT NULL,
                incident {big} NOT NULL,
                created {big} NOT NULL,
                attempts {small} NOT NULL DEFAULT 0,
                next_attempt {big} NOT NULL,
                sent {big},
                abandoned {big},
                last_error {text});
            CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (next_attempt) WHERE sent IS NULL AND abandoned IS NULL;
            """;
    }

    /// <summary>
    /// Columns added after the first schema, as (table, column, definition): each store adds the ones an older file
    /// lacks at start, so a file written by an older reach keeps its history.
    /// </summary>
    public static IReadOnlyList<(string Table, string Column, string Definition)> AddedColumns(SchemaTypes types)
    {
        ArgumentNullException.ThrowIfNull(types);
        return
        [
            ("incidents", "kind", $"{types.Int} NOT NULL DEFAULT 0"),
            ("targets", "last_detail", types.Text),
        ];
    }

    /// <summary>A table of results rolled up into buckets (minutes or hours) per target.</summary>
    private static string RolledUp(string table, SchemaTypes types)
    {
        var big = types.Long;
        return $"""
            CREATE TABLE IF NOT EXISTS {table} (
                target {big} NOT NULL,
                bucket {big} NOT NULL,
                probes {big} NOT NULL,
                successes {big} NOT NULL,
                failures {big} NOT NULL,
                latency_sum_us {big} NOT NULL,
                latency_count {big} NOT NULL,
                latency_min_us {big},
                latency_max_us {big},
                PRIMARY KEY (target, bucket)){types.KeyedTableOptions};
            CREATE INDEX IF NOT EXISTS {table}_bucket ON {table} (bucket);
            """;
    }
}
