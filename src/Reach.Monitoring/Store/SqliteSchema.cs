namespace Reach.Monitoring.Store;

/// <summary>The SQLite schema. Times are Unix milliseconds (UTC); latencies microseconds.</summary>
internal static class SqliteSchema
{
    public const int Version = 1;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

        CREATE TABLE IF NOT EXISTS targets (
            id INTEGER PRIMARY KEY,
            check_name TEXT NOT NULL,
            host TEXT NOT NULL,
            port INTEGER NOT NULL,
            active INTEGER NOT NULL DEFAULT 1,
            status INTEGER NOT NULL DEFAULT 0,
            since INTEGER,
            failures INTEGER NOT NULL DEFAULT 0,
            successes INTEGER NOT NULL DEFAULT 0,
            streak_start INTEGER,
            last_probe INTEGER,
            last_error TEXT,
            last_state TEXT,
            last_reason TEXT,
            last_latency_us INTEGER,
            last_address TEXT,
            open_incident INTEGER,
            UNIQUE (check_name, host, port));

        -- verdict: 1 success, 0 failure, 2 inconclusive.
        CREATE TABLE IF NOT EXISTS results (
            target INTEGER NOT NULL,
            at INTEGER NOT NULL,
            verdict INTEGER NOT NULL,
            latency_us INTEGER,
            state TEXT NOT NULL,
            reason TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS results_target_at ON results (target, at);
        CREATE INDEX IF NOT EXISTS results_at ON results (at);

        CREATE TABLE IF NOT EXISTS results_minute (
            target INTEGER NOT NULL,
            bucket INTEGER NOT NULL,
            probes INTEGER NOT NULL,
            successes INTEGER NOT NULL,
            failures INTEGER NOT NULL,
            latency_sum_us INTEGER NOT NULL,
            latency_count INTEGER NOT NULL,
            latency_min_us INTEGER,
            latency_max_us INTEGER,
            PRIMARY KEY (target, bucket)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS results_minute_bucket ON results_minute (bucket);

        CREATE TABLE IF NOT EXISTS results_hour (
            target INTEGER NOT NULL,
            bucket INTEGER NOT NULL,
            probes INTEGER NOT NULL,
            successes INTEGER NOT NULL,
            failures INTEGER NOT NULL,
            latency_sum_us INTEGER NOT NULL,
            latency_count INTEGER NOT NULL,
            latency_min_us INTEGER,
            latency_max_us INTEGER,
            PRIMARY KEY (target, bucket)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS results_hour_bucket ON results_hour (bucket);

        CREATE TABLE IF NOT EXISTS incidents (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            target INTEGER NOT NULL,
            started INTEGER NOT NULL,
            ended INTEGER,
            reason TEXT NOT NULL,
            last_error TEXT,
            end_note TEXT,
            last_alert INTEGER);
        CREATE INDEX IF NOT EXISTS incidents_target ON incidents (target, started);
        CREATE INDEX IF NOT EXISTS incidents_open ON incidents (ended) WHERE ended IS NULL;

        -- The alert outbox: a row per (event, channel), written in the transaction of the state change.
        CREATE TABLE IF NOT EXISTS outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            channel TEXT NOT NULL,
            kind INTEGER NOT NULL,
            incident INTEGER NOT NULL,
            created INTEGER NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt INTEGER NOT NULL,
            sent INTEGER,
            abandoned INTEGER,
            last_error TEXT);
        CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (next_attempt) WHERE sent IS NULL AND abandoned IS NULL;
        """;
}
