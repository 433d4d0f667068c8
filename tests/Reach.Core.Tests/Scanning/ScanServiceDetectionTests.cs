using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Reach.Core.Tests.TestSupport;
using Reach.Identification;
using Reach.Probes;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

/// <summary>
/// <c>scan --service</c>'s queue: every open port handed over is reported once, no more than the concurrency are asked
/// at once, and Abandon hands back exactly those not reported. Loopback servers this test opens only.
/// </summary>
public class ScanServiceDetectionTests
{
    private static ScanPortResult Open(IPEndPoint endPoint, long host = 0) =>
        new(new ScanProbeTarget(host, endPoint.Address, endPoint.Port), PortState.Open, ProbeReason.SynAck, TimeSpan.FromMilliseconds(1), 1);

    [Fact]
    public async Task EveryPortHandedOver_IsReportedOnce_NeverMoreAtOnceThanTheConcurrency()
    {
        // Given 6 servers that each hold a connection 150 ms before greeting, counting connections open at once
        var open = 0;
        var most = 0;
        var servers = Enumerable.Range(0, 6).Select(_ => new GreetingServer(async (client, ct) =>
        {
            // Counted until the greeting leaves: the client cannot take its next port before it has it.
            InterlockedMax(ref most, Interlocked.Increment(ref open));
            await Task.Delay(150, ct);
            Interlocked.Decrement(ref open);
            await client.SendAsync("SSH-2.0-test\r\n"u8.ToArray(), SocketFlags.None, ct);
            await GreetingServer.HoldAsync(client, ct);
        })).ToList();
        var reported = new ConcurrentBag<(int Port, ServiceProtocol? Protocol)>();
        using var detection = new ScanServiceDetection(new ServiceIdentifierOptions(), 2, 8, (r, id) => reported.Add((r.Target.Port, id.Protocol)), TestContext.Current.CancellationToken);

        // When all are handed over and the queue completes
        foreach (var server in servers)
        {
            detection.Add(Open(server.EndPoint), "127.0.0.1");
        }

        await detection.CompleteAsync();

        // Then each is reported once, named, and at most 2 were asked at once
        Assert.Equal(servers.Select(s => s.EndPoint.Port).Order(), reported.Select(r => r.Port).Order());
        Assert.All(reported, r => Assert.Equal(ServiceProtocol.Ssh, r.Protocol));
        Assert.InRange(most, 1, 2);
        Assert.Equal(6, detection.Found);
        Assert.Equal(6, detection.Identified);
        servers.ForEach(s => s.Dispose());
    }

    [Fact]
    public async Task Abandon_HandsBackThePortsNotReported_AndNothingIsReportedAfter()
    {
        // Given one quick port and three silent ones (each waits the whole 5 s), one asked at a time
        using var quick = GreetingServer.Sending("SSH-2.0-test\r\n"u8.ToArray());
        var silent = Enumerable.Range(0, 3).Select(_ => new GreetingServer(GreetingServer.HoldAsync)).ToList();
        var reported = new ConcurrentQueue<int>();
        using var stop = new CancellationTokenSource();
        using var detection = new ScanServiceDetection(new ServiceIdentifierOptions { Wait = TimeSpan.FromSeconds(5) }, 1, 8, (r, _) => reported.Enqueue(r.Target.Port), stop.Token);
        detection.Add(Open(quick.EndPoint), "127.0.0.1");
        foreach (var (server, host) in silent.Select((s, i) => (s, i + 1L)))
        {
            detection.Add(Open(server.EndPoint, host), "127.0.0.1");
        }

        await WaitUntilAsync(() => !reported.IsEmpty);

        // When the run is stopped
        stop.Cancel();
        var left = detection.Abandon();
        await detection.CompleteAsync();

        // Then the quick port was reported, the silent ones come back (by host), and none of them is reported too
        Assert.Equal([quick.EndPoint.Port], reported);
        Assert.Equal(silent.Select(s => s.EndPoint.Port), left.Select(r => r.Target.Port));
        silent.ForEach(s => s.Dispose());
    }

    [Fact]
    public void OnlyOpenPortsAreIdentified()
    {
        using var detection = new ScanServiceDetection(new ServiceIdentifierOptions(), 1, 8, (_, _) => { }, TestContext.Current.CancellationToken);
        var closed = new ScanPortResult(new ScanProbeTarget(0, IPAddress.Loopback, 1), PortState.Closed, ProbeReason.ConnRefused, TimeSpan.FromMilliseconds(1), 1);

        Assert.Throws<ArgumentException>(() => detection.Add(closed, "127.0.0.1"));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "not within 5 s");
    }
}
