using System.Net;
using System.Net.Sockets;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>
/// The status page scenario: three listeners on 127.0.0.1 the test opened itself, a reach.yaml with two checks
/// over them (interval 1s, down_after 1), and the real <c>reach watch</c> serving HTTP on a free loopback port.
/// </summary>
public sealed class WatchServer : IDisposable
{
    private readonly TempDirectory dir = new();
    private readonly WatchProcess process;

    private WatchServer(string? token)
    {
        Web1 = new TcpTarget();
        Web2 = new TcpTarget();
        Db = new TcpTarget();
        Port = FreePort.OnLoopback();
        var config = dir.File("reach.yaml", $"""
            interval: 1s
            timeout: 500ms
            down_after: 1
            up_after: 1
            checks:
              - name: web
                targets: ["127.0.0.1:{Web1.Port}", "127.0.0.1:{Web2.Port}"]
              - name: db
                targets: ["127.0.0.1:{Db.Port}"]
            """);
        string[] extra = token is null ? ["--listen", $"127.0.0.1:{Port}"] : ["--listen", $"127.0.0.1:{Port}", "--token", token];
        process = WatchProcess.Start(config, Path.Combine(dir.Path, "data"), extra);
    }

    public const int IntervalSeconds = 1;

    public TcpTarget Web1 { get; }

    public TcpTarget Web2 { get; }

    public TcpTarget Db { get; }

    public int Port { get; }

    public WatchProcess Process => process;

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public IReadOnlyList<string> TargetIds => [$"web/127.0.0.1:{Web1.Port}", $"web/127.0.0.1:{Web2.Port}", $"db/127.0.0.1:{Db.Port}"];

    /// <summary>Starts it and waits until the HTTP server listens and every target has been seen UP once.</summary>
    public static async Task<WatchServer> StartAsync(string? token = null)
    {
        var server = new WatchServer(token);
        try
        {
            await server.process.WaitForLineAsync($"HTTP on http://127.0.0.1:{server.Port}/");
            foreach (var id in server.TargetIds)
            {
                await server.process.WaitForLineAsync($"{id} UP");
            }

            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        process.Dispose();
        Web1.Dispose();
        Web2.Dispose();
        Db.Dispose();
        dir.Dispose();
    }
}
