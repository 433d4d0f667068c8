using System.Collections.Concurrent;
using System.Net;
using Reach.Identification;
using Reach.Probes;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

/// <summary>
/// <c>scan --service --service-per-host</c>: one address never has more ports asked at once than its cap, while the
/// other addresses' ports run beside it. A fake identifier counts what runs at once and sends nothing.
/// </summary>
public class ScanServiceDetectionPerHostTests
{
    private static IPAddress Host(int n) => IPAddress.Parse($"127.0.0.{n}");

    private static ScanPortResult Open(IPAddress address, int port) =>
        new(new ScanProbeTarget(address.GetAddressBytes()[3], address, port), PortState.Open, ProbeReason.SynAck, TimeSpan.FromMilliseconds(1), 1);

    [Fact]
    public async Task ManyPortsOnEachHost_AtMostPerHostOfOneHostAtOnce_AndTheHostsRunBeside()
    {
        // Given 3 hosts with 40 open ports each, 16 workers and 3 per host, every identification held until released
        var identifier = new RecordingIdentifier();
        var reported = new ConcurrentBag<(IPAddress, int)>();
        using var detection = new ScanServiceDetection(identifier.IdentifyAsync, 16, 3, (r, _) => reported.Add((r.Target.Address, r.Target.Port)), TestContext.Current.CancellationToken);

        // When the ports are handed over host by host (as a sweep of one host after another would find them)
        foreach (var host in Enumerable.Range(1, 3).Select(Host))
        {
            for (var port = 1; port <= 40; port++)
            {
                detection.Add(Open(host, port), host.ToString());
            }
        }

        // Then 9 run at once, 3 of each host, though 16 workers are free
        await WaitUntilAsync(() => identifier.Running == 9);
        await Task.Delay(100, TestContext.Current.CancellationToken); // time for a 10th to start, were the cap broken
        Assert.Equal(9, identifier.Running);
        identifier.Release();
        await detection.CompleteAsync();

        // And every port is reported once, no host ever past its cap
        Assert.Equal(120, reported.Distinct().Count());
        Assert.Equal(120, reported.Count);
        Assert.All(Enumerable.Range(1, 3).Select(Host), h => Assert.Equal(3, identifier.MostAtOnce[h]));
    }

    [Fact]
    public async Task AHostsWaitingPorts_HoldUpNoOtherHost()
    {
        // Given 30 ports of one host, held, handed over before the single port of another host; 8 workers, 2 per host
        var identifier = new RecordingIdentifier(hold: Host(1));
        var reported = new ConcurrentQueue<IPAddress>();
        using var detection = new ScanServiceDetection(identifier.IdentifyAsync, 8, 2, (r, _) => reported.Enqueue(r.Target.Address), TestContext.Current.CancellationToken);
        for (var port = 1; port <= 30; port++)
        {
            detection.Add(Open(Host(1), port), "busy");
        }

        // When the other host's port comes
        detection.Add(Open(Host(2), 22), "other");

        // Then it is identified while the first host's ports still wait their turn, 2 at a time
        await WaitUntilAsync(() => reported.Contains(Host(2)));
        Assert.Equal(2, identifier.Running);
        Assert.DoesNotContain(Host(1), reported);
        identifier.Release();
        await detection.CompleteAsync();
        Assert.Equal(31, reported.Count);
        Assert.Equal(2, identifier.MostAtOnce[Host(1)]);
    }

    [Fact]
    public async Task PerHostAboveTheConcurrency_IsBoundByTheConcurrency()
    {
        var identifier = new RecordingIdentifier();
        using var detection = new ScanServiceDetection(identifier.IdentifyAsync, 2, 8, (_, _) => { }, TestContext.Current.CancellationToken);
        for (var port = 1; port <= 10; port++)
        {
            detection.Add(Open(Host(1), port), "one");
        }

        await WaitUntilAsync(() => identifier.Running == 2);
        identifier.Release();
        await detection.CompleteAsync();

        Assert.Equal(2, identifier.MostAtOnce[Host(1)]);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "not within 5 s");
    }

    /// <summary>Counts identifications running at once, in all and per address; holds them (or one address's) until released.</summary>
    private sealed class RecordingIdentifier(IPAddress? hold = null)
    {
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<IPAddress, int> _now = new();
        private int _running;

        public ConcurrentDictionary<IPAddress, int> MostAtOnce { get; } = new();

        public int Running => Volatile.Read(ref _running);

        public void Release() => _released.TrySetResult();

        public async Task<ServiceIdentification> IdentifyAsync(IPEndPoint remote, string host, CancellationToken cancellationToken)
        {
            var now = _now.AddOrUpdate(remote.Address, 1, (_, n) => n + 1);
            MostAtOnce.AddOrUpdate(remote.Address, now, (_, most) => Math.Max(most, now));
            Interlocked.Increment(ref _running);
            try
            {
                if (hold is null || hold.Equals(remote.Address))
                {
                    await _released.Task.WaitAsync(cancellationToken);
                }

                // Released: the next ones still overlap a little, so a broken cap would show after the release too.
                await Task.Delay(2, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _running);
                _now.AddOrUpdate(remote.Address, 0, (_, n) => n - 1);
            }

            return new ServiceIdentification(ServiceBanner.Silent, null, null);
        }
    }
}
