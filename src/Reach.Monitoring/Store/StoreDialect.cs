namespace Reach.Monitoring.Store;

/// <summary>
/// The SQL that differs between the stores; everything else is written once over System.Data.Common. Two things
/// differ: the engine (a few functions, row locks) and whose rows a store sees (a PostgreSQL database is shared by
/// agents, each writing only its own targets; a SQLite file has one writer, so it sees every row).
/// </summary>
/// <remarks>
/// The conditions use the parameters of <see cref="WithScope"/>; every statement that uses one passes them.
/// Tables are aliased <c>t</c> targets, <c>i</c> incidents.
/// </remarks>
internal abstract class StoreDialect
{
    /// <summary>A condition on <c>t</c>: the targets this store writes.</summary>
    public abstract string OwnTargets { get; }

    /// <summary>A condition on <c>t</c>: the targets the read queries (status, reports) show.</summary>
    public abstract string ShownTargets { get; }

    /// <summary>The order of targets in lists.</summary>
    public abstract string TargetOrder { get; }

    /// <summary>Adds a target row for <c>@c</c>, <c>@h</c>, <c>@p</c> unless it is there.</summary>
    public abstract string InsertTarget { get; }

    /// <summary>Appended to the select of incidents due a repeat alert: locks them against a second process.</summary>
    public abstract string LockDueIncidents { get; }

    /// <summary>A condition: <paramref name="targetColumn"/> (a target id) is one of this store's targets.</summary>
    public abstract string OwnTargetRows(string targetColumn);

    /// <summary>A condition: <paramref name="incidentColumn"/> (an incident id) is about one of this store's targets.</summary>
    public abstract string OwnIncidentRows(string incidentColumn);

    /// <summary>The smaller of two values, the other one when one is NULL.</summary>
    public abstract string SmallerOf(string a, string b);

    /// <summary>The larger of two values, the other one when one is NULL.</summary>
    public abstract string LargerOf(string a, string b);

    /// <summary>The parameters the conditions above need, followed by <paramref name="parameters"/>.</summary>
    public abstract (string Name, object? Value)[] WithScope(params (string Name, object? Value)[] parameters);
}
