using Microsoft.Extensions.Logging.Abstractions;
using Reach.Monitoring.Alerts;
using Reach.Monitoring.Hosting;
using Reach.Monitoring.Scheduling;
using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Hosting;

public sealed partial class WatchEngineTests
{
    [Fact]
    public async Task StopWhileResultsAreBeingWritten_TheWriteFinishes_NothingIsLost()
    {
        // Given a store whose writes take a while (PostgreSQL over a network) and a batch of results being written,
        var store = new SlowWritesStore(new SqliteMonitorStore(dir.Path), TimeSpan.FromMilliseconds(300));
        using var dispatcher = new AlertDispatcher(store, time, NullLogger<AlertDispatcher>.Instance);
        var engine = new WatchEngine(
            store,
            concurrency => new ProbeScheduler(prober, time, concurrency),
            dispatcher,
            configs => [.. configs.Select(c => channels.GetOrAdd(c.Key, key => new RecordingChannel(key)))],
            time,
            NullLogger<WatchEngine>.Instance);
        await engine.StartAsync(Config(Web), ct);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (store.WritesBegun == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no result write began");
            time.Advance(Step);
            await Task.Delay(1, ct);
        }

        // when the service stops in the middle of it,
        await engine.StopAsync();
        await engine.DisposeAsync();
        await store.DisposeAsync();

        // then the batch is in the history: a stop waits for a write it has begun rather than cancelling it.
        await using var reopened = new SqliteMonitorStore(dir.Path);
        await reopened.InitializeAsync(ct);
        var uptime = await reopened.GetUptimeAsync(Start.AddHours(-1), time.GetUtcNow().AddHours(1), ct);
        Assert.True(uptime.Single().Probes >= 1, "the results being written at the stop were lost");
    }
}
