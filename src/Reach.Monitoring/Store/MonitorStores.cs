namespace Reach.Monitoring.Store;

/// <summary>Opens the store a <c>--store</c> value names; used by <c>reach watch</c> and <c>reach report</c>.</summary>
public static class MonitorStores
{
    /// <summary>The agent name when none is given: the machine's host name.</summary>
    public static string DefaultAgent => Environment.MachineName;

    /// <summary>
    /// The store named by <paramref name="storeSpec"/> (null or <c>sqlite</c>: the SQLite file in
    /// <paramref name="dataDir"/>; <c>postgres://…</c>: the shared database, written as <paramref name="agent"/>).
    /// Not yet initialized. Throws <see cref="FormatException"/> (a one-line message) for a bad value.
    /// </summary>
    public static IMonitorStore Open(string? storeSpec, string dataDir, string? agent = null, bool allAgents = false)
    {
        if (!StoreSpec.TryParse(storeSpec, out var spec, out var error))
        {
            throw new FormatException(error);
        }

        return Open(spec, dataDir, agent, allAgents);
    }

    public static IMonitorStore Open(StoreSpec spec, string dataDir, string? agent = null, bool allAgents = false)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.ConnectionString is { } connectionString
            ? new PostgresMonitorStore(connectionString, agent ?? DefaultAgent, allAgents)
            : new SqliteMonitorStore(dataDir);
    }
}
