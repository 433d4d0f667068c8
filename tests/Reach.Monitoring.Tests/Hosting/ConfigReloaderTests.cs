using Microsoft.Extensions.Time.Testing;
using Reach.Monitoring.Hosting;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Hosting;

/// <summary>
/// The reloader over real files in a temp folder and a fake clock for its debounce: the file events are the
/// kernel's, the waiting is the test's to move. The reload signal (SIGHUP on Unix) goes through a stand-in the tests
/// raise themselves.
/// </summary>
public sealed class ConfigReloaderTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly FakeTimeProvider fake = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly TimerRecordingTimeProvider time;
    private readonly FakeTimeProvider signalTime = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<TimeSpan> reloadsAfterLastEvent = [];
    private int reloads;

    public ConfigReloaderTests() => time = new TimerRecordingTimeProvider(fake);

    public void Dispose() => dir.Dispose();

    [Fact]
    public async Task ConfigFileChanged_ReloadsOnce_ADebounceAfterItsLastEvent_NeverBefore()
    {
        // Given a reloader watching reach.yaml,
        var config = dir.File("reach.yaml", "checks: []\n");
        using var reloader = new ConfigReloader([config], ReloadAsync, time);

        // when the file is written (an editor may write it in several steps, each an event),
        File.WriteAllText(config, "interval: 5s\nchecks: []\n");
        await Eventually.TrueAsync(() => !time.Armed.IsEmpty, "the file event");
        Assert.Equal(0, Volatile.Read(ref reloads)); // the clock has not moved: nothing yet

        // then one reload comes once the debounce has passed since the last event.
        await AdvanceUntilAsync(() => Volatile.Read(ref reloads) >= 1);
        Assert.Equal(1, Volatile.Read(ref reloads));
        Assert.All(reloadsAfterLastEvent, quiet => Assert.True(quiet >= ConfigReloader.Debounce, $"reloaded {quiet} after the last event"));
    }

    [Fact]
    public async Task TargetsFileAddedByAReload_ItsChangeReloadsToo()
    {
        // Given a reloader whose configuration, once reloaded, reads a targets file beside it,
        var config = dir.File("reach.yaml", "checks: []\n");
        var targets = dir.File("servers.txt", "10.0.0.1\n");
        using var reloader = new ConfigReloader([config], ReloadAsync, time);
        reloader.Watch([config, targets]);

        // when only the targets file changes,
        File.AppendAllText(targets, "10.0.0.2\n");

        // then that is a change of the configuration: a reload.
        await AdvanceUntilAsync(() => Volatile.Read(ref reloads) >= 1);
        Assert.Equal(1, Volatile.Read(ref reloads));
    }

    [Fact]
    public async Task Signal_Raised_ReloadsAtOnce_WithoutTheDebounce()
    {
        using var folder = new TempDirectory();
        var signal = new ManualReloadSignal();
        var reloads = 0;
        using var reloader = new ConfigReloader([folder.File("reach.yaml", "targets: []\n")], () => { Interlocked.Increment(ref reloads); return Task.CompletedTask; }, signalTime, signal);

        signal.Raise();
        signalTime.Advance(TimeSpan.FromTicks(1));

        await Eventually.TrueAsync(() => Volatile.Read(ref reloads) == 1, "a reload after the signal");
    }

    [Fact]
    public void Dispose_StopsListeningToTheSignal()
    {
        using var folder = new TempDirectory();
        var signal = new ManualReloadSignal();
        var reloader = new ConfigReloader([folder.File("reach.yaml", "targets: []\n")], () => Task.CompletedTask, signalTime, signal);
        Assert.True(signal.Listening);

        reloader.Dispose();

        Assert.False(signal.Listening);
    }

    private sealed class ManualReloadSignal : IReloadSignal
    {
        private Action? reload;

        public bool Listening => reload is not null;

        public IDisposable? Listen(Action reload)
        {
            this.reload = reload;
            return new Registration(this);
        }

        public void Raise() => reload?.Invoke();

        private sealed class Registration(ManualReloadSignal signal) : IDisposable
        {
            public void Dispose() => signal.reload = null;
        }
    }

    private Task ReloadAsync()
    {
        var lastEvent = time.Armed.Last().At;
        lock (reloadsAfterLastEvent)
        {
            reloadsAfterLastEvent.Add(fake.GetUtcNow() - lastEvent);
        }

        Interlocked.Increment(ref reloads);
        return Task.CompletedTask;
    }

    /// <summary>Moves the fake clock in tenths of the debounce until <paramref name="done"/>; the file events come in real time meanwhile.</summary>
    private async Task AdvanceUntilAsync(Func<bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!done())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for a reload");
            fake.Advance(ConfigReloader.Debounce / 10);
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
