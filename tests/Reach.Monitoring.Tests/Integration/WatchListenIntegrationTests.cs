using System.Net;
using System.Net.Sockets;
using Reach.Monitoring.Tests.TestSupport;

namespace Reach.Monitoring.Tests.Integration;

/// <summary>
/// <c>reach watch --listen</c> values the kernel would refuse as written: an IPv4-mapped address (listened on as the
/// IPv4 address it maps), an address this host does not have and a port in use (one line, exit 69). The watched
/// target is a port the test opens on 127.0.0.1; binding to 192.0.2.1 fails locally and sends nothing.
/// </summary>
public sealed class WatchListenIntegrationTests : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly TcpTarget target = new();
    private readonly CancellationToken ct = TestContext.Current.CancellationToken;

    public void Dispose()
    {
        target.Dispose();
        dir.Dispose();
    }

    [Fact]
    public async Task MappedAddress_ListensOnTheIPv4Address()
    {
        // Issue 13: [::ffff:127.0.0.1]:PORT ended in "internal error: SocketException" and exit 70.
        var port = FreePort.OnLoopback();
        using var watch = WatchProcess.Start(WriteConfig(), DataDir, "--listen", $"[::ffff:127.0.0.1]:{port}");
        await watch.WaitForLineAsync($"HTTP on http://127.0.0.1:{port}/");

        // The engine starts once the server listens: /healthz is 503 until then (docs/watch.md), then 200.
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var status = HttpStatusCode.ServiceUnavailable;
        await Eventually.TrueAsync(
            () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://127.0.0.1:{port}/healthz"));
                using var health = http.Send(request, ct);
                status = health.StatusCode;
                return status == HttpStatusCode.OK;
            },
            "/healthz 200 on the IPv4 address\n" + watch.Log);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, await watch.StopAsync());
    }

    [Fact]
    public async Task AddressNotOnThisHost_IsOneLineAndExit69()
    {
        var listen = $"192.0.2.1:{FreePort.OnLoopback()}";
        using var watch = WatchProcess.Start(WriteConfig(), DataDir, "--listen", listen, "--token", "s3cret");

        Assert.Equal(69, await watch.WaitForExitAsync());
        Assert.Equal(
            $"reach: cannot listen on {listen}: Cannot assign requested address (--listen ADDR:PORT to change, --listen none to run without the HTTP server)",
            Assert.Single(watch.Lines));
    }

    [Fact]
    public async Task PortInUse_IsOneLineAndExit69_WithoutTheHostsLog()
    {
        using var held = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        held.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        held.Listen(1);
        var listen = $"127.0.0.1:{((IPEndPoint)held.LocalEndPoint!).Port}";
        using var watch = WatchProcess.Start(WriteConfig(), DataDir, "--listen", listen);

        Assert.Equal(69, await watch.WaitForExitAsync());
        Assert.StartsWith($"reach: cannot listen on {listen}: Address already in use", Assert.Single(watch.Lines), StringComparison.Ordinal);
    }

    private string DataDir => Path.Combine(dir.Path, "data");

    private string WriteConfig() => dir.File("reach.yaml", $"""
        interval: 1s
        timeout: 500ms
        checks:
          - name: local
            targets: ["127.0.0.1:{target.Port}"]
        """);
}
