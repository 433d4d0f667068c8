namespace Reach.Monitoring.Store;

/// <summary>
/// The PostgreSQL schema: the SQLite one plus an <c>agent</c> column on targets, so several agents share one
/// database while each keeps its own states and incidents. Times are Unix milliseconds (UTC); latencies microseconds.
/// </summary>
internal static class PostgresSchema
{
    public const int Version = 1;

    /// <summary>The advisory lock key that serializes schema creation when several agents start at once ("reach" + 1).</summary>
    public const long SchemaLock = 0x7265616368_01;

    /// <summary>The advisory lock key that serializes compaction, so two agents never roll up the same rows twice.</summary>
    public const long CompactionLock = 0x7265616368_02;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS reach_meta (key text PRIMARY KEY, value text NOT NULL);

        CREATE TABLE IF NOT EXISTS targets (
            id bigserial PRIMARY KEY,
            agent text NOT NULL,
            check_name text NOT NULL,
            host text NOT NULL,
            port integer NOT NULL,
            active integer NOT NULL DEFAULT 1,
            status integer NOT NULL DEFAULT 0,
            since bigint,
            failures integer NOT NULL DEFAULT 0,
            successes integer NOT NULL DEFAULT 0,
            streak_start bigint,
            last_probe bigint,
            last_error text,
            last_state text,
            last_reason text,
            last_latency_us bigint,
            last_address text,
            open_incident bigint,
            UNIQUE (agent, check_name, host, port));

        -- verdict: 1 success, 0 failure, 2 inconclusive.
        CREATE TABLE IF NOT EXISTS results (
            target bigint NOT NULL,
            at bigint NOT NULL,
            verdict integer NOT NULL,
            latency_us bigint,
            state text NOT NULL,
            reason text NOT NULL);
        CREATE INDEX IF NOT EXISTS results_target_at ON results (target, at);
        CREATE INDEX IF NOT EXISTS results_at ON results (at);

        CREATE TABLE IF NOT EXISTS results_minute (
            target bigint NOT NULL,
            bucket bigint NOT NULL,
            probes bigint NOT NULL,
            successes bigint NOT NULL,
            failures bigint NOT NULL,
            latency_sum_us bigint NOT NULL,
            latency_count bigint NOT NULL,
            latency_min_us bigint,
            latency_max_us bigint,
            PRIMARY KEY (target, bucket));
        CREATE INDEX IF NOT EXISTS results_minute_bucket ON results_minute (bucket);

        CREATE TABLE IF NOT EXISTS results_hour (
            target bigint NOT NULL,
            bucket bigint NOT NULL,
            probes bigint NOT NULL,
            successes bigint NOT NULL,
            failures bigint NOT NULL,
            latency_sum_us bigint NOT NULL,
            latency_count bigint NOT NULL,
            latency_min_us bigint,
            latency_max_us bigint,
            PRIMARY KEY (target, bucket));
        CREATE INDEX IF NOT EXISTS results_hour_bucket ON results_hour (bucket);

        CREATE TABLE IF NOT EXISTS incidents (
            id bigserial PRIMARY KEY,
            target bigint NOT NULL,
            started bigint NOT NULL,
            ended bigint,
            reason text NOT NULL,
            last_error text,
            end_note text,
            last_alert bigint);
        CREATE INDEX IF NOT EXISTS incidents_target ON incidents (target, started);
        CREATE INDEX IF NOT EXISTS incidents_open ON incidents (ended) WHERE ended IS NULL;

        -- The alert outbox: a row per (event, channel), written in the transaction of the state change.
        -- A dispatcher claims due rows (FOR UPDATE SKIP LOCKED) by moving next_attempt past a lease.
        CREATE TABLE IF NOT EXISTS outbox (
            id bigserial PRIMARY KEY,
            channel text NOT NULL,
            kind integer NOT NULL,
            incident bigint NOT NULL,
            created bigint NOT NULL,
            attempts integer NOT NULL DEFAULT 0,
            next_attempt bigint NOT NULL,
            sent bigint,
            abandoned bigint,
            last_error text);
        CREATE INDEX IF NOT EXISTS outbox_pending ON outbox (next_attempt) WHERE sent IS NULL AND abandoned IS NULL;
        """;
}
