using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Reach.Monitoring.Hosting;
using Reach.Monitoring.Store;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Hosting;

/// <summary>The host of reach watch built directly, without the command's preflight bind.</summary>
public sealed class WatchHostTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly TcpTarget target = new();

    public void Dispose()
    {
        target.Dispose();
        dir.Dispose();
    }

    [Fact]
    public async Task PortTakenWhenKestrelBinds_HostFailsToStart_TheEngineNeverStarted()
    {
        // Given a port taken by the time Kestrel binds (after the command's preflight, in a race),
        using var held = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        held.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        held.Listen(1);
        var config = dir.File("reach.yaml", $"interval: 1s\ntimeout: 500ms\nchecks:\n  - name: local\n    targets: [\"127.0.0.1:{target.Port}\"]\n");
        var data = Path.Combine(dir.Path, "data");
        Directory.CreateDirectory(data);

        // when the host runs,
        using var host = WatchHost.Create(new WatchOptions(config, data, (IPEndPoint)held.LocalEndPoint!));
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.RunAsync(TestContext.Current.CancellationToken));

        // then it fails with the bind's IOException, and the engine had not started: nothing opened the store, so the
        // host's teardown pulls nothing from under a running engine (one run in six ended in exit 70 before).
        Assert.True(failure is IOException { InnerException: not null }, failure.ToString());
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(File.Exists(Path.Combine(data, SqliteMonitorStore.FileName)), "the engine started and opened the store");
    }
}
