using System.Data.Common;
using Microsoft.Data.Sqlite;
using static Reach.Monitoring.Store.StoreCommands;

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
internal sealed partial class SqliteMonitorStore : SqlMonitorStore
{
    public const string FileName = "reach.db";

    private readonly string connectionString;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly bool readOnly;
    private SqliteConnection? writer;

    public SqliteMonitorStore(string dataDirectory)
        : this(dataDirectory, readOnly: false)
    {
    }

    private SqliteMonitorStore(string dataDirectory, bool readOnly)
        : base(SqliteDialect.Instance)
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

    public override async Task InitializeAsync(CancellationToken cancellationToken)
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
        foreach (var (table, column, definition) in SqliteSchema.AddedColumns)
        {
            // SQLite has no ADD COLUMN IF NOT EXISTS: a file from an older reach is upgraded in place.
            if (await ScalarAsync(connection, null, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = '{column}'", cancellationToken).ConfigureAwait(false) is 0L)
            {
                await ExecuteAsync(connection, null, $"ALTER TABLE {table} ADD COLUMN {column} {definition}", cancellationToken).ConfigureAwait(false);
            }
        }

        await ExecuteAsync(connection, null, "UPDATE meta SET value = @v WHERE key = 'schema'", cancellationToken, ("@v", SqliteSchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))).ConfigureAwait(false);
        await ExecuteAsync(connection, null, "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', @v)", cancellationToken, ("@v", SqliteSchema.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))).ConfigureAwait(false);
        writer = connection;
    }

    public override async ValueTask DisposeAsync()
    {
        if (writer is not null)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            writer = null;
        }

        writeLock.Dispose();
    }

    private SqliteConnection Writer => writer ?? throw new InvalidOperationException("the store is not initialized");

    /// <summary>All writes go through the one writer connection; <paramref name="durable"/> fsyncs the commit.</summary>
    private protected override async Task<T> WriteAsync<T>(bool durable, Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
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
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using var transactionScope = transaction.ConfigureAwait(false);
                var result = await work(connection, transaction).ConfigureAwait(false);
                // Commit even when cancelled meanwhile: the work is done, and half of it must not be lost.
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                return result;
            }
            catch
            {
                // A failed transaction may have added ids that never committed (and SQLite would hand them out again).
                Targets.Forget();
                throw;
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

    /// <summary>Reads on a connection of its own, beside the writer (WAL).</summary>
    private protected override async Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> query, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await using var connectionScope = connection.ConfigureAwait(false);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await query(connection).ConfigureAwait(false);
    }
}
