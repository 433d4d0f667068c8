using Microsoft.Extensions.Time.Testing;
using Reach.Monitoring.Hosting;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Hosting;

/// <summary>The reload signal (SIGHUP on Unix) through a stand-in the tests raise themselves.</summary>
public sealed class ConfigReloaderTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Signal_Raised_ReloadsAtOnce_WithoutTheDebounce()
    {
        using var folder = new TempDirectory();
        var signal = new ManualReloadSignal();
        var reloads = 0;
        using var reloader = new ConfigReloader([folder.File("reach.yaml", "targets: []\n")], () => { Interlocked.Increment(ref reloads); return Task.CompletedTask; }, time, signal);

        signal.Raise();
        time.Advance(TimeSpan.FromTicks(1));

        await Eventually.TrueAsync(() => Volatile.Read(ref reloads) == 1, "a reload after the signal");
    }

    [Fact]
    public void Dispose_StopsListeningToTheSignal()
    {
        using var folder = new TempDirectory();
        var signal = new ManualReloadSignal();
        var reloader = new ConfigReloader([folder.File("reach.yaml", "targets: []\n")], () => Task.CompletedTask, time, signal);
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
}
