using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Store;

public sealed class MonitorStoresTests
{
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task CheckReachable_Sqlite_IsAlwaysUsable_WithoutOpeningAnything()
    {
        Assert.Null(await MonitorStores.CheckReachableAsync(StoreSpec.Sqlite, agent: null, ct));
    }

    [Fact]
    public async Task CheckReachable_PostgresWhereNothingListens_SaysWhy_WithoutThePassword()
    {
        // Given a loopback port this test opened and closed again: connection refused
        using var closed = new TcpTarget();
        closed.Close();
        Assert.True(StoreSpec.TryParse($"postgres://reach:s3cret-pw@127.0.0.1:{closed.Port}/reach?connect_timeout=5", out var spec, out var error), error);

        var problem = await MonitorStores.CheckReachableAsync(spec, agent: null, ct);

        Assert.False(string.IsNullOrWhiteSpace(problem));
        Assert.DoesNotContain("s3cret-pw", problem, StringComparison.Ordinal);
    }
}
