namespace Reach.Monitoring.Store;

/// <summary>
/// Opens the store a <c>--store</c> value names, for <c>reach watch</c> (read-write) and <c>reach report</c>
/// (read-only). The one place that knows which stores exist: SQLite in the data folder today.
/// </summary>
public static class MonitorStores
{
    /// <summary>Why <paramref name="spec"/> names no usable store, in one line; null when it does (null means sqlite).</summary>
    public static string? Validate(string? spec)
    {
        if (spec is null || string.Equals(spec, "sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return spec.StartsWith("postgres", StringComparison.OrdinalIgnoreCase)
            ? "--store postgres://… is not supported yet; use the default SQLite store (--data DIR)"
            : $"--store '{spec}' is not a store (use sqlite)";
    }

    /// <summary>The store to write to (created by its <see cref="IMonitorStore.InitializeAsync"/> when new).</summary>
    /// <exception cref="ArgumentException">When <see cref="Validate"/> refuses <paramref name="spec"/>.</exception>
    public static IMonitorStore Open(string? spec, string dataDirectory)
    {
        ThrowIfInvalid(spec);
        return new SqliteMonitorStore(dataDirectory);
    }

    /// <summary>The store to read from, never created; null when it does not exist (nothing was recorded there).</summary>
    /// <exception cref="ArgumentException">When <see cref="Validate"/> refuses <paramref name="spec"/>.</exception>
    public static IMonitorStore? OpenForReading(string? spec, string dataDirectory)
    {
        ThrowIfInvalid(spec);
        return SqliteMonitorStore.OpenExisting(dataDirectory);
    }

    private static void ThrowIfInvalid(string? spec)
    {
        if (Validate(spec) is { } error)
        {
            throw new ArgumentException(error, nameof(spec));
        }
    }
}
