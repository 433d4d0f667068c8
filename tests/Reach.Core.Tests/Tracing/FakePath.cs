using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Reach.Probes;
using Reach.Tracing;

namespace Reach.Core.Tests.Tracing;

/// <summary>
/// A simulated path for trace tests: routers at hops 1..N answer time exceeded; then the destination answers as
/// told, or nothing does past <see cref="SilentAfter"/>. Counts probes and the most in flight at once.
/// </summary>
internal sealed class FakePath(IPAddress destination, params IPAddress[] routers) : IHopProber, ITracePlatform
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, int> _perHop = [];
    private int _inFlight;

    /// <summary>What the destination answers (echo reply, SYN-ACK, RST, or an unreachable).</summary>
    public HopAnswer DestinationAnswer { get; init; } = HopAnswer.EchoReply;

    /// <summary>When set, nothing answers at hops beyond this one (a firewall drops the probes).</summary>
    public int? SilentAfter { get; init; }

    /// <summary>Hops at which the first probe is lost.</summary>
    public IReadOnlySet<int> LossyHops { get; init; } = new HashSet<int>();

    /// <summary>When set, the platform refuses with this message.</summary>
    public string? Unavailable { get; init; }

    public List<HopProbe> Sent { get; } = [];

    public int MaxInFlight { get; private set; }

    public bool TryCreate(TraceMode mode, AddressFamily family, [NotNullWhen(true)] out IHopProber? prober, [NotNullWhen(false)] out string? unavailable)
    {
        prober = Unavailable is null ? this : null;
        unavailable = Unavailable;
        return Unavailable is null;
    }

    public async Task<HopProbeResult> ProbeAsync(HopProbe probe, CancellationToken cancellationToken)
    {
        bool lost;
        lock (_gate)
        {
            Sent.Add(probe);
            MaxInFlight = Math.Max(MaxInFlight, ++_inFlight);
            _perHop[probe.Ttl] = _perHop.GetValueOrDefault(probe.Ttl) + 1;
            lost = LossyHops.Contains(probe.Ttl) && _perHop[probe.Ttl] == 1;
        }

        try
        {
            // Answers from farther hops take longer, so hops complete out of order.
            await Task.Delay(TimeSpan.FromMilliseconds(probe.Ttl % 3), cancellationToken);
            return lost ? HopProbeResult.NoAnswer(probe.Ttl) : Answer(probe);
        }
        finally
        {
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }

    private HopProbeResult Answer(HopProbe probe)
    {
        var rtt = TimeSpan.FromMilliseconds(probe.Ttl);
        if (probe.Ttl > SilentAfter)
        {
            return HopProbeResult.NoAnswer(probe.Ttl);
        }

        if (probe.Ttl <= routers.Length)
        {
            return new HopProbeResult(probe.Ttl, HopAnswer.TimeExceeded, routers[probe.Ttl - 1], rtt);
        }

        return DestinationAnswer == HopAnswer.Unreachable
            ? new HopProbeResult(probe.Ttl, HopAnswer.Unreachable, destination, rtt, ProbeReason.PortUnreach)
            : new HopProbeResult(probe.Ttl, DestinationAnswer, destination, rtt);
    }
}
