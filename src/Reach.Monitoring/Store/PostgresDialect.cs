namespace Reach.Monitoring.Store;

/// <summary>PostgreSQL: agents share the database, so each writes only the rows of its own targets (<c>agent</c>).</summary>
internal sealed class PostgresDialect(string agent, bool allAgents) : StoreDialect
{
    public override string OwnTargets => "t.agent = @agent";

    public override string ShownTargets => allAgents ? "TRUE" : OwnTargets;

    // Two agents watching one target list it twice, next to each other.
    public override string TargetOrder => "t.check_name, t.host, t.port, t.agent";

    public override string InsertTarget => "INSERT INTO targets (agent, check_name, host, port) VALUES (@agent, @c, @h, @p) ON CONFLICT DO NOTHING";

    // FOR UPDATE: two processes of one agent never queue the same repeat twice.
    public override string LockDueIncidents => "FOR UPDATE OF i SKIP LOCKED";

    public override string OwnTargetRows(string targetColumn) => $"{targetColumn} IN (SELECT id FROM targets WHERE agent = @agent)";

    public override string OwnIncidentRows(string incidentColumn) =>
        $"{incidentColumn} IN (SELECT i.id FROM incidents i JOIN targets t ON t.id = i.target WHERE t.agent = @agent)";

    public override string SmallerOf(string a, string b) => $"LEAST({a}, {b})";

    public override string LargerOf(string a, string b) => $"GREATEST({a}, {b})";

    public override (string Name, object? Value)[] WithScope(params (string Name, object? Value)[] parameters) => [("@agent", agent), .. parameters];
}
