namespace Reach.Monitoring.Store;

/// <summary>
/// Opens the store a <c>--store</c> value names, for <c>reach watch</c> (read-write) and <c>reach report</c>
/// (read-only). The one place that knows which stores exist: SQLite in the data folder, or a shared PostgreSQL database.
/// </summary>
internal static class MonitorStores
{
    /// <summary>The agent name when none is given: the machine's host name.</summary>
    public static string DefaultAgent => Environment.MachineName;

    /// <summary>Why <paramref name="agent"/> cannot name an agent, in one line; null when it can (or is not given).</summary>
    public static string? ValidateAgent(string? agent) =>
        agent is { } name && (name.Length is 0 or > 200 || name.Any(char.IsControl))
            ? "--agent: give a name of 1 to 200 printable characters"
            : null;

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

    /// <summary>
    /// Why the store cannot be used, in one line, or null when it can: a shared database is connected to once, so an
    /// unreachable server stops <c>reach watch</c> before it starts instead of failing later. SQLite: always null.
    /// </summary>
    public static async Task<string?> CheckReachableAsync(StoreSpec spec, string? agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.ConnectionString is not { } connectionString)
        {
            return null;
        }

        var postgres = new PostgresMonitorStore(connectionString, agent ?? DefaultAgent);
        await using var postgresScope = postgres.ConfigureAwait(false);
        return await postgres.CheckConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The store to read from, never created or upgraded. <see cref="StoreReading.Store"/> is null when nothing was
    /// recorded there yet, or (PostgreSQL) when the server cannot be reached; <see cref="StoreReading.Problem"/> says which.
    /// </summary>
    public static async Task<StoreReading> OpenForReadingAsync(StoreSpec spec, string dataDir, string? agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.ConnectionString is not { } connectionString)
        {
            return SqliteMonitorStore.OpenExisting(dataDir) is { } sqlite
                ? new StoreReading(sqlite, null)
                : new StoreReading(null, $"no history in {dataDir} (is reach watch running with --data {dataDir}?)");
        }

        var postgres = new PostgresMonitorStore(connectionString, agent ?? DefaultAgent);
        var problem = await postgres.CheckConnectionAsync(cancellationToken).ConfigureAwait(false) is { } unreachable
            ? $"cannot use the store {spec.Display}: {unreachable}"
            : await postgres.HasSchemaAsync(cancellationToken).ConfigureAwait(false)
                ? null
                : $"no history in {spec.Display} (reach watch --store creates it on its first start)";
        if (problem is null)
        {
            return new StoreReading(postgres, null);
        }

        await postgres.DisposeAsync().ConfigureAwait(false);
        return new StoreReading(null, problem);
    }
}

/// <summary>A store opened for reading, or why there is none (one line).</summary>
internal sealed record StoreReading(IMonitorStore? Store, string? Problem);
