using Microsoft.Data.Sqlite;
using Reach.Monitoring.Expansion;

namespace Reach.Monitoring.Store;

/// <summary>
/// The SQLite store: one file, <c>reach.db</c>, in the data folder, in WAL mode so that the status page and reports
/// read while the service writes. All writes go through one connection, one at a time.
/// </summary>
/// <remarks>
/// Durability: the connection runs with <c>synchronous=NORMAL</c>. In WAL mode a committed transaction is in the
/// WAL file before COMMIT returns, so <c>kill -9</c> of reach loses nothing committed; only a power cut or kernel
/// crash can lose the last commits (never corrupting the file). That is the right trade for probe results, which
/// arrive every second and would pay an fsync each under FULL. The few commits the alert guarantee rests on (a state
/// change with its outbox rows, an alert marked sent) switch to <c>synchronous=FULL</c> for their own commit, so
/// even a power cut neither loses a queued alert nor forgets that one was sent.
/// </remarks>
public sealed partial class SqliteMonitorStore : IMonitorStore
{
    public const string FileName = "reach.db";

    private readonly string connectionString;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly Dictionary<TargetKey, long> targetIds = [];
    private readonly bool readOnly;
    private SqliteConnection? writer;

    public SqliteMonitorStore(string dataDirectory)
        : this(dataDirectory, readOnly: false)
    {
    }

    private SqliteMonitorStore(string dataDirectory, bool readOnly)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        DataDirectory = dataDirectory;
        DatabasePath = Path.Combine(dataDirectory, FileName);
        this.readOnly = readOnly;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>
    /// The store in <paramref name="dataDirectory"/> for reading only (reports), or null when there is none: it
    /// never creates the file, and reads beside a running <c>reach watch</c> (WAL). Needs no <see cref="InitializeAsync"/>.
    /// </summary>
    public static SqliteMonitorStore? OpenExisting(string dataDirectory) =>
        File.Exists(Path.Combine(dataDirectory, FileName)) ? new SqliteMonitorStore(dataDirectory, readOnly: true) : null;

    public string DataDirectory { get; }

    public string DatabasePath { get; }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (readOnly)
        {
            throw new InvalidOperationException("a store opened for reading cannot be initialized");
        }

        Directory.CreateDirectory(DataDirectory);
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, SqliteSchema.Create, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', $v)", cancellationToken, ("$v", SqliteSchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))).ConfigureAwait(false);
        writer = connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (writer is not null)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            writer = null;
        }

        writeLock.Dispose();
    }

    private SqliteConnection Writer => writer ?? throw new InvalidOperationException("the store is not initialized");

    /// <summary>Runs <paramref name="work"/> in one write transaction; <paramref name="durable"/> fsyncs its commit.</summary>
    private async Task<T> WriteAsync<T>(bool durable, Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = Writer;
            if (durable)
            {
                await ExecuteAsync(connection, null, "PRAGMA synchronous=FULL", cancellationToken).ConfigureAwait(false);
            }

            try
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                var result = await work(connection, transaction).ConfigureAwait(false);
                // Commit even when cancelled meanwhile: the work is done, and half of it must not be lost.
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return result;
            }
            finally
            {
                if (durable)
                {
                    await ExecuteAsync(connection, null, "PRAGMA synchronous=NORMAL", CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>The row id of a target, adding it when new (inside the caller's write transaction).</summary>
    private async Task<long> TargetIdAsync(SqliteConnection connection, SqliteTransaction transaction, TargetKey key, CancellationToken cancellationToken)
    {
        if (targetIds.TryGetValue(key, out var id))
        {
            return id;
        }

        await ExecuteAsync(connection, transaction,
            "INSERT OR IGNORE INTO targets (check_name, host, port) VALUES ($c, $h, $p)", cancellationToken,
            ("$c", key.Check), ("$h", key.Host), ("$p", key.Port)).ConfigureAwait(false);
        id = (long)(await ScalarAsync(connection, transaction,
            "SELECT id FROM targets WHERE check_name = $c AND host = $h AND port = $p", cancellationToken,
            ("$c", key.Check), ("$h", key.Host), ("$p", key.Port)).ConfigureAwait(false))!;
        targetIds[key] = id;
        return id;
    }

    internal static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    internal static long? ToMs(DateTimeOffset? time) => time?.ToUnixTimeMilliseconds();

    internal static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    internal static DateTimeOffset? FromMs(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    internal static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    internal static long? Long(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    internal static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Every statement is a constant of this assembly; values go through parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    internal static async Task<int> ExecuteAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DBNull ? null : value;
    }
}
