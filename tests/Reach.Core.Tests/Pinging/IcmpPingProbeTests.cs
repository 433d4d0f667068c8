using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Reach.Pinging;
using Reach.Tracing;

namespace Reach.Core.Tests.Pinging;

public class IcmpPingProbeTests
{
    private static readonly IPAddress Host1 = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Host2 = IPAddress.Parse("192.0.2.2");

    [Fact]
    public async Task TwoProbes_OneAddressEach_NeverSendTheSameSequence()
    {
        // reach check HOST1 HOST2 makes one probe per address; with the process's one identifier, equal sequence
        // numbers would let one echo take the other's reply off the raw socket.
        var platform = new RecordingPlatform();
        var first = new IcmpPingProbe(platform);
        var second = new IcmpPingProbe(platform);

        for (var i = 0; i < 3; i++)
        {
            await first.EchoAsync(Host1, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            await second.EchoAsync(Host2, TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        }

        Assert.Equal(6, platform.Sequences.Count);
        Assert.Equal(6, platform.Sequences.Distinct().Count());
    }

    private sealed class RecordingPlatform : ITracePlatform, IHopProber
    {
        public List<ushort> Sequences { get; } = [];

        public bool TryCreate(TraceMode mode, AddressFamily family, [NotNullWhen(true)] out IHopProber? prober, [NotNullWhen(false)] out string? unavailable)
        {
            prober = this;
            unavailable = null;
            return true;
        }

        public Task<HopProbeResult> ProbeAsync(HopProbe probe, CancellationToken cancellationToken)
        {
            lock (Sequences)
            {
                Sequences.Add(probe.Sequence);
            }

            return Task.FromResult(new HopProbeResult(probe.Ttl, HopAnswer.EchoReply, probe.Destination, TimeSpan.FromMilliseconds(1)));
        }
    }
}
