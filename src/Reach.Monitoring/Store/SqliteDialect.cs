namespace Reach.Monitoring.Store;

/// <summary>SQLite: one agent per file, so every condition on whose rows these are holds.</summary>
internal sealed class SqliteDialect : StoreDialect
{
    public static readonly SqliteDialect Instance = new();

    private SqliteDialect()
    {
    }

    public override string OwnTargets => "TRUE";

    public override string ShownTargets => "TRUE";

    public override string TargetOrder => "t.check_name, t.host, t.port";

    public override string InsertTarget => "INSERT OR IGNORE INTO targets (check_name, host, port) VALUES (@c, @h, @p)";

    // One process writes the file, one transaction at a time: nothing to lock against.
    public override string LockDueIncidents => string.Empty;

    public override string OwnTargetRows(string targetColumn) => "TRUE";

    public override string OwnIncidentRows(string incidentColumn) => "TRUE";

    // SQLite's two-argument MIN/MAX return NULL when either is NULL.
    public override string SmallerOf(string a, string b) => $"MIN(COALESCE({a}, {b}), COALESCE({b}, {a}))";

    public override string LargerOf(string a, string b) => $"MAX(COALESCE({a}, {b}), COALESCE({b}, {a}))";

    public override (string Name, object? Value)[] WithScope(params (string Name, object? Value)[] parameters) => parameters;
}
