using System.Data.Common;

namespace Reach.Monitoring.Store;

/// <summary>
/// One command per distinct statement, made on first use and run again with new values, so a batch of probe
/// results prepares each statement once (SQLite has no batches to send them in one go).
/// </summary>
internal sealed class ReusedCommands(DbConnection connection, DbTransaction transaction) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> commands = [];

    public async Task ExecuteAsync(string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        if (commands.TryGetValue(sql, out var command))
        {
            StoreCommands.Set(command, parameters);
        }
        else
        {
            command = commands[sql] = StoreCommands.Command(connection, transaction, sql, parameters);
        }

        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in commands.Values)
        {
            await command.DisposeAsync().ConfigureAwait(false);
        }
    }
}
