using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Reach.Monitoring.Hosting;
using Reach.Monitoring.Scheduling;
using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.Scheduling;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Hosting;

/// <summary>The hosted service of reach watch with a lifetime the test controls.</summary>
public sealed class WatchServiceTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    public void Dispose() => dir.Dispose();

    /// <summary>An engine over <paramref name="store"/> whose probes are fakes: no packet leaves.</summary>
    private static WatchEngine Engine(SqliteMonitorStore store, HttpClient http) =>
        new(store, concurrency => new ProbeScheduler(new FakeProber(), TimeProvider.System, concurrency), TimeProvider.System, http, NullLoggerFactory.Instance);

    private string DataFolder() => Directory.CreateDirectory(Path.Combine(dir.Path, "data")).FullName;

    [Fact]
    public async Task Engine_StartsOnlyOnceTheHostHasStarted_NeverWhileItsStartMayStillFail()
    {
        // Given the service started by a host that has not finished starting (Kestrel still binding),
        var config = dir.File("reach.yaml", "interval: 1s\ntimeout: 500ms\nchecks:\n  - name: local\n    targets: [\"192.0.2.1:80\"]\n");
        var data = DataFolder();
        await using var store = new SqliteMonitorStore(data);
        using var http = new HttpClient();
        var engine = Engine(store, http);
        using var lifetime = new TestLifetime();
        using var service = new WatchService(new WatchOptions(config, data), engine, TimeProvider.System, lifetime, NullLogger<WatchService>.Instance);
        await service.StartAsync(ct);

        // then the engine waits: a host whose start fails tears nothing down under a running engine (issue 13),
        await Task.Delay(500, ct);
        Assert.False(engine.IsRunning);
        Assert.False(File.Exists(Path.Combine(data, SqliteMonitorStore.FileName)));

        // and starts once the host has.
        lifetime.Started();
        await Eventually.TrueAsync(() => engine.IsRunning, "the engine to start after ApplicationStarted");
        await service.StopAsync(ct);
    }

    [Fact]
    public async Task HostStoppingBeforeItStarted_EndsTheServiceWithoutStartingTheEngine()
    {
        var config = dir.File("reach.yaml", "checks:\n  - name: local\n    targets: [\"192.0.2.1:80\"]\n");
        var data = DataFolder();
        await using var store = new SqliteMonitorStore(data);
        using var http = new HttpClient();
        var engine = Engine(store, http);
        using var service = new WatchService(new WatchOptions(config, data), engine, TimeProvider.System, new TestLifetime(), NullLogger<WatchService>.Instance);

        await service.StartAsync(ct);
        await service.StopAsync(ct);

        // Ended, not faulted: with Microsoft.Extensions.Hosting 10 a stop that comes before ExecuteAsync ran leaves
        // the task canceled rather than completed (seen here); either way the engine never started.
        Assert.True(service.ExecuteTask!.IsCompleted);
        Assert.Null(service.ExecuteTask.Exception);
        Assert.False(engine.IsRunning);
        Assert.False(File.Exists(Path.Combine(data, SqliteMonitorStore.FileName)));
    }

    private sealed class TestLifetime : IHostApplicationLifetime, IDisposable
    {
        private readonly CancellationTokenSource started = new();
        private readonly CancellationTokenSource stopping = new();
        private readonly CancellationTokenSource stopped = new();

        public CancellationToken ApplicationStarted => started.Token;

        public CancellationToken ApplicationStopping => stopping.Token;

        public CancellationToken ApplicationStopped => stopped.Token;

        public void Started() => started.Cancel();

        public void StopApplication() => stopping.Cancel();

        public void Dispose()
        {
            started.Dispose();
            stopping.Dispose();
            stopped.Dispose();
        }
    }
}
