using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Reach.Monitoring.Alerts;
using Reach.Monitoring.Expansion;
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
    private readonly List<AlertDispatcher> dispatchers = [];
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    public void Dispose()
    {
        dispatchers.ForEach(d => d.Dispose());
        dir.Dispose();
    }

    /// <summary>An engine over <paramref name="store"/> whose probes are fakes and whose alerts go nowhere: no packet leaves.</summary>
    private WatchEngine Engine(SqliteMonitorStore store, TimeProvider? clock = null)
    {
        var time = clock ?? TimeProvider.System;
        var dispatcher = new AlertDispatcher(store, time, NullLogger<AlertDispatcher>.Instance);
        dispatchers.Add(dispatcher);
        return new(store, concurrency => new ProbeScheduler(new FakeProber(), time, concurrency), dispatcher, _ => [], time, NullLogger<WatchEngine>.Instance);
    }

    private string DataFolder() => Directory.CreateDirectory(Path.Combine(dir.Path, "data")).FullName;

    [Fact]
    public async Task Engine_StartsOnlyOnceTheHostHasStarted_NeverWhileItsStartMayStillFail()
    {
        // Given the service started by a host that has not finished starting (Kestrel still binding),
        var config = dir.File("reach.yaml", "interval: 1s\ntimeout: 500ms\nchecks:\n  - name: local\n    targets: [\"192.0.2.1:80\"]\n");
        var data = DataFolder();
        await using var store = new SqliteMonitorStore(data);
        var engine = Engine(store);
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
        var engine = Engine(store);
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

    [Fact]
    public async Task BadFileOnReload_IsRejectedInOneLine_TheRunningConfigurationStays_AGoodOneIsApplied()
    {
        // Given a running service watching one target (its reload debounce and the engine on a fake clock),
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
        var config = dir.File("reach.yaml", Config("192.0.2.1:80"));
        var data = DataFolder();
        await using var store = new SqliteMonitorStore(data);
        var engine = Engine(store, time);
        var log = new ListLogger<WatchService>();
        using var lifetime = new TestLifetime();
        using var service = new WatchService(new WatchOptions(config, data), engine, time, lifetime, log);
        await service.StartAsync(ct);
        lifetime.Started();
        await Eventually.TrueAsync(() => engine.IsRunning, "the engine to start");
        var running = engine.Config;

        // when the file is rewritten with a mistake,
        await RewriteUntilAsync(config, "checks:\n  - name: local\n    targets: [192.0.2.1]\n    ports: [htps]\n", time,
            () => log.Count("configuration rejected, the running one stays") > 0);

        // then the log says why in one line, and the running configuration stays;
        Assert.Contains(log.Messages, m => m.Contains("checks[0].ports[0]: unknown service 'htps'", StringComparison.Ordinal));
        Assert.Same(running, engine.Config);
        Assert.Equal([new TargetKey("local", "192.0.2.1", 80)], (await engine.SnapshotAsync(ct)).Keys);

        // and a good file after it is applied.
        await RewriteUntilAsync(config, Config("192.0.2.1:80", "192.0.2.2:80"), time, () => engine.Config?.Checks[0].Targets.Count == 2);
        Assert.Equal(2, (await engine.SnapshotAsync(ct)).Count);
        Assert.True(engine.IsRunning);

        await service.StopAsync(ct);
        Assert.False(engine.IsRunning);
        Assert.Contains(log.Messages, m => m == "stopped");
    }

    private static string Config(params string[] targets) =>
        $"interval: 10s\ntimeout: 5s\nchecks:\n  - name: local\n    targets: [{string.Join(", ", targets.Select(t => $"\"{t}\""))}]\n";

    /// <summary>
    /// Writes <paramref name="text"/> to the file and moves the fake clock past the debounce until
    /// <paramref name="done"/>: the reloader starts watching only once the engine has started, so an early write may
    /// go unseen and is made again.
    /// </summary>
    private async Task RewriteUntilAsync(string path, string text, FakeTimeProvider time, Func<bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the reload");
            await File.WriteAllTextAsync(path, text, ct);
            await Task.Delay(20, ct);
            time.Advance(ConfigReloader.Debounce);
            await Task.Delay(20, ct);
        }
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
