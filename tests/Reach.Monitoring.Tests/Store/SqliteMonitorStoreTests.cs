using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Store;

/// <summary>The store contract against the SQLite file store.</summary>
public sealed class SqliteMonitorStoreTests : MonitorStoreContractTests, IDisposable
{
    private readonly TempDirectory dir = new();

    public void Dispose() => dir.Dispose();

    protected override async Task<IMonitorStore> OpenAsync()
    {
        var store = new SqliteMonitorStore(dir.Path);
        await store.InitializeAsync(Ct);
        return store;
    }
}
