namespace Reach.Monitoring.Store;

/// <summary>
/// The PostgreSQL schema (<see cref="HistorySchema"/>): the SQLite one plus an <c>agent</c> column on targets, so
/// several agents share one database while each keeps its own states and incidents.
/// </summary>
/// <remarks>
/// A dispatcher claims due outbox rows (<c>FOR UPDATE SKIP LOCKED</c>) by moving <c>next_attempt</c> past a lease.
/// </remarks>
internal static class PostgresSchema
{
    public const int Version = 2;

    /// <summary>The advisory lock key that serializes schema creation when several agents start at once ("reach" + 1).</summary>
    public const long SchemaLock = 0x7265616368_01;

    /// <summary>The advisory lock key that serializes compaction, so two agents never roll up the same rows twice.</summary>
    public const long CompactionLock = 0x7265616368_02;

    private static readonly SchemaTypes Types = new(
        MetaTable: "reach_meta",
        Text: "text",
        Int: "integer",
        Long: "bigint",
        TargetId: "bigserial PRIMARY KEY",
        SerialId: "bigserial PRIMARY KEY",
        Owner: "agent",
        KeyedTableOptions: "");

    public static readonly string Create = HistorySchema.Create(Types);

    /// <summary>The columns an older schema lacks, added where missing (PostgreSQL says IF NOT EXISTS itself).</summary>
    public static readonly string Upgrade = string.Concat(HistorySchema.AddedColumns(Types)
        .Select(c => $"ALTER TABLE {c.Table} ADD COLUMN IF NOT EXISTS {c.Column} {c.Definition};\n"));
}
