using System.Data.Common;
using System.Globalization;
using Npgsql;
using static Reach.Monitoring.Store.StoreCommands;

namespace Reach.Monitoring.Store;

/// <summary>
/// The shared PostgreSQL store (<c>--store postgres://…</c>): several agents write to one database, each under its
/// own name, so two agents watching the same target keep separate states, incidents and alerts.
/// </summary>
/// <remarks>
/// Same guarantees as <see cref="SqliteMonitorStore"/>: a state change, its incident and its outbox rows are one
/// transaction, and PostgreSQL's default <c>synchronous_commit=on</c> makes every commit durable. Dispatchers claim
/// due alerts with <c>FOR UPDATE SKIP LOCKED</c> and a lease (<see cref="ClaimLease"/>), so two dispatchers never
/// send one alert twice; a dispatcher killed while sending leaves the claim to expire and the alert is sent after
/// the lease, like a pending alert after restart. Built on <see cref="NpgsqlSlimDataSourceBuilder"/> (NativeAOT).
/// </remarks>
internal sealed partial class PostgresMonitorStore : SqlMonitorStore
{
    /// <summary>How long a claimed alert stays invisible to other dispatchers (longer than any send attempt).</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    private readonly NpgsqlDataSource dataSource;
    private readonly SemaphoreSlim writeLock = new(1, 1);

    /// <param name="connectionString">An Npgsql connection string (<see cref="StoreSpec"/> makes one from a URI).</param>
    /// <param name="agent">The name this agent writes under.</param>
    /// <param name="allAgents">True to make the read queries (latest, incidents, uptime, series) show every agent.</param>
    public PostgresMonitorStore(string connectionString, string agent, bool allAgents = false)
        : base(new PostgresDialect(agent, allAgents))
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(agent);
        Agent = agent;
        AllAgents = allAgents;
        var builder = new NpgsqlSlimDataSourceBuilder(connectionString);
        builder.EnableTransportSecurity();
        dataSource = builder.Build();
    }

    public string Agent { get; }

    public bool AllAgents { get; }

    public override async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var transactionScope = transaction.ConfigureAwait(false);
        // Agents starting together: one creates or upgrades, the others wait, then find everything in place.
        await ExecuteAsync(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", cancellationToken, ("@key", PostgresSchema.SchemaLock)).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, PostgresSchema.Create, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, PostgresSchema.Upgrade, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "UPDATE reach_meta SET value = @v WHERE key = 'schema'",
            cancellationToken, ("@v", PostgresSchema.Version.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "INSERT INTO reach_meta (key, value) VALUES ('schema', @v) ON CONFLICT (key) DO NOTHING",
            cancellationToken, ("@v", PostgresSchema.Version.ToString(CultureInfo.InvariantCulture))).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Connects once: null when the server answers, else the reason (never the password).</summary>
    public async Task<string?> CheckConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            await ExecuteAsync(connection, null, "SELECT 1", cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return ex.InnerException is { } inner && inner.Message != ex.Message ? $"{ex.Message} ({inner.Message})" : ex.Message;
        }
    }

    /// <summary>True when <c>reach watch</c> created the schema here (a reader never creates it).</summary>
    public async Task<bool> HasSchemaAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        return await ScalarAsync(connection, null, "SELECT to_regclass('reach_meta') IS NOT NULL", cancellationToken).ConfigureAwait(false) is true;
    }

    public override async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync().ConfigureAwait(false);
        writeLock.Dispose();
    }

    /// <summary>
    /// This store's writes go one at a time, like SQLite's. Every commit is durable (PostgreSQL's default
    /// <c>synchronous_commit=on</c>), so <paramref name="durable"/> asks for nothing more.
    /// </summary>
    private protected override async Task<T> WriteAsync<T>(bool durable, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var connectionScope = connection.ConfigureAwait(false);
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var transactionScope = transaction.ConfigureAwait(false);
            try
            {
                var result = await work(connection, transaction).ConfigureAwait(false);
                // Commit even when cancelled meanwhile: the work is done, and half of it must not be lost.
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return result;
            }
            catch
            {
                // A failed transaction may have added ids that never committed.
                Targets.Forget();
                throw;
            }
        }
        finally
        {
            writeLock.Release();
        }
    }

    private protected override async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> query, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var connectionScope = connection.ConfigureAwait(false);
        return await query(connection).ConfigureAwait(false);
    }
}
