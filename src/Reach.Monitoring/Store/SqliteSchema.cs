namespace Reach.Monitoring.Store;

/// <summary>The SQLite schema (<see cref="HistorySchema"/>): one agent per file, so targets have no owner column.</summary>
internal static class SqliteSchema
{
    public const int Version = 2;

    // INTEGER PRIMARY KEY is the rowid; AUTOINCREMENT never hands out the id of a deleted row again. The rolled-up
    // tables are WITHOUT ROWID: their rows live in the b-tree of their (target, bucket) key.
    private static readonly SchemaTypes Types = new(
        MetaTable: "meta",
        Text: "TEXT",
        Int: "INTEGER",
        Long: "INTEGER",
        TargetId: "INTEGER PRIMARY KEY",
        SerialId: "INTEGER PRIMARY KEY AUTOINCREMENT",
        Owner: null,
        KeyedTableOptions: " WITHOUT ROWID");

    public static readonly string Create = HistorySchema.Create(Types);

    public static readonly IReadOnlyList<(string Table, string Column, string Definition)> AddedColumns = HistorySchema.AddedColumns(Types);
}
