using System.Net.Sockets;
using Reach.Scanning.Engine;

namespace Reach.Core.Tests.Scanning.Engine.Simulation;

/// <summary>
/// What one simulated host does with a SYN: its open ports answer SYN-ACK, the others RST (a friendly host) or nothing
/// (a default-deny firewall); optionally behind a SYN rate limiter (a token bucket, like iptables hashlimit) and a
/// lossy link (each way, seeded).
/// </summary>
internal sealed class SimulatedHost
{
    private readonly Random _random;
    private double _tokens;
    private long _lastRefill;

    public SimulatedHost(IEnumerable<int> open, bool defaultDeny, TimeSpan roundTrip, int seed = 1)
    {
        Open = [.. open];
        DefaultDeny = defaultDeny;
        RoundTrip = roundTrip;
        _random = new Random(seed);
    }

    public HashSet<int> Open { get; }

    public bool DefaultDeny { get; }

    public TimeSpan RoundTrip { get; }

    /// <summary>SYNs per second the rate limiter lets through (0: no limiter), and its burst.</summary>
    public double LimitPerSecond { get; init; }

    public double LimitBurst { get; init; }

    /// <summary>Ports a firewall drops (on a host that otherwise answers every port).</summary>
    public IReadOnlySet<int> Dropped { get; init; } = new HashSet<int>();

    /// <summary>The share of packets lost each way.</summary>
    public double Loss { get; init; }

    /// <summary>From this virtual time on the host answers nothing (an IPS banned the scanner); null: never.</summary>
    public long? SilentFrom { get; init; }

    public int SynsSeen { get; private set; }

    public int SynsLimited { get; private set; }

    /// <summary>The answer to a SYN sent at <paramref name="now"/>, or null when nothing comes back.</summary>
    public ScanProbeOutcome? Answer(int port, long now, long ticksPerSecond)
    {
        if (SilentFrom is { } silent && now >= silent)
        {
            return null;
        }

        if (Loss > 0 && _random.NextDouble() < Loss)
        {
            return null; // the SYN is lost on the way
        }

        SynsSeen++;
        if (LimitPerSecond > 0 && !TakeToken(now, ticksPerSecond))
        {
            SynsLimited++;
            return null;
        }

        if (Dropped.Contains(port))
        {
            return null;
        }

        ScanProbeOutcome? answer = Open.Contains(port)
            ? ScanProbeOutcome.Connected(selfConnect: false)
            : DefaultDeny ? null : ScanProbeOutcome.Failed(SocketError.ConnectionRefused, null);
        if (answer is not null && Loss > 0 && _random.NextDouble() < Loss)
        {
            return null; // the answer is lost on the way back
        }

        return answer;
    }

    private bool TakeToken(long now, long ticksPerSecond)
    {
        if (SynsSeen == 1)
        {
            _tokens = LimitBurst;
            _lastRefill = now;
        }

        _tokens = Math.Min(LimitBurst, _tokens + ((now - _lastRefill) * LimitPerSecond / ticksPerSecond));
        _lastRefill = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens--;
        return true;
    }
}
