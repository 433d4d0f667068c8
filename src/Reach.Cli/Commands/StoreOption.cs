using Reach.Cli.Infrastructure;
using Reach.Monitoring.Hosting;
using Reach.Monitoring.Store;

namespace Reach.Cli.Commands;

/// <summary>
/// The store of <c>reach watch</c> and <c>reach report</c>: <c>--store</c>, else the REACH_STORE environment variable
/// (where a service keeps a postgres:// URI with its password, out of the unit and out of <c>ps</c>), else SQLite.
/// </summary>
internal static class StoreOption
{
    public static StoreSpec Resolve(string? option)
    {
        var fromEnvironment = option is null && Environment.GetEnvironmentVariable(WatchUnit.StoreVariable) is { Length: > 0 };
        var text = option ?? Environment.GetEnvironmentVariable(WatchUnit.StoreVariable);
        if (StoreSpec.TryParse(text, out var spec, out var error))
        {
            return spec;
        }

        // The parser names the option; say where the value really came from.
        throw new UsageException(fromEnvironment && error.StartsWith("--store", StringComparison.Ordinal)
            ? WatchUnit.StoreVariable + error["--store".Length..]
            : error);
    }
}
