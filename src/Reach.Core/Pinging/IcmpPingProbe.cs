using System.Net;
using System.Net.Sockets;
using Reach.Pinging;
using Reach.Platform;
using Reach.Probes;
using Reach.Tracing;

namespace Reach.Pinging;

/// <summary>
/// An ICMP echo. Where this OS and process can send echoes themselves (Linux: a raw ICMP socket as root, an
/// unprivileged ICMP socket where <c>net.ipv4.ping_group_range</c> allows it) the probe is the trace prober's echo
/// with a full TTL, timed around the socket calls to the microsecond. Otherwise it goes through <see cref="IcmpEcho"/>
/// (System.Net.NetworkInformation.Ping), whose round trip comes in whole milliseconds. Safe to share between
/// concurrent probes (<c>reach watch</c> runs many): every echo of the process gets its own sequence number, and
/// replies are matched by identifier and sequence.
/// </summary>
public sealed class IcmpPingProbe : IPingProbe
{
    private const int FullTtl = 64;
    private readonly Dictionary<AddressFamily, IHopProber?> _probers = [];
    private readonly ITracePlatform _platform;
    private readonly Lock _gate = new();

    // Process-wide, not per probe: the identifier is the process's, and a raw ICMP socket sees every reply, so two
    // probes numbering from 1 (reach check HOST1 HOST2, one probe per address) would take each other's replies.
    private static int s_sequence;

    public IcmpPingProbe()
        : this(PlatformServices.Trace)
    {
    }

    internal IcmpPingProbe(ITracePlatform platform) => _platform = platform;

    /// <summary>Whether round trips are microsecond-precise (an own echo socket) or whole milliseconds (the OS API).</summary>
    public bool IsPrecise(AddressFamily family) => Prober(family) is not null;

    public void WarmUp()
    {
        // Nothing to ready without sending: opening the echo socket happens before the clock starts in either path.
    }

    public async ValueTask<PingProbeOutcome> ProbeAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Prober(address.AddressFamily) is { } prober)
        {
            var result = await prober.ProbeAsync(new HopProbe(address, FullTtl, 0, NextSequence(), timeout), cancellationToken).ConfigureAwait(false);
            return result.Answer switch
            {
                HopAnswer.EchoReply => new PingProbeOutcome(true, result.RoundTrip, PingState.Reply),
                HopAnswer.NoAnswer => new PingProbeOutcome(false, null, PingState.NoReply),
                HopAnswer.TimeExceeded => new PingProbeOutcome(false, null, PingState.NoReply, ProbeReason.TtlExceeded, $"TTL exceeded at {result.From}"),
                HopAnswer.Unreachable => new PingProbeOutcome(false, null, PingState.Unreachable, result.Reason, result.From is { } from ? $"from {from}" : null),
                _ => new PingProbeOutcome(false, null, PingState.Unavailable, Detail: result.Detail),
            };
        }

        var outcome = await IcmpEcho.SendAsync(address, timeout, cancellationToken).ConfigureAwait(false);
        var state = outcome.Status switch
        {
            PingStatus.Reply => PingState.Reply,
            PingStatus.NoReply => PingState.NoReply,
            _ => PingState.Unavailable,
        };
        return new PingProbeOutcome(outcome.Status == PingStatus.Reply, outcome.RoundTrip, state, Detail: outcome.Message);
    }

    /// <summary>
    /// One echo as <c>reach check</c> shows it: the reply, or what came back instead with who sent it (an ICMP or
    /// ICMPv6 unreachable names its kind: the OS API reported a host-unreachable as "time to live exceeded").
    /// </summary>
    public async ValueTask<PingOutcome> EchoAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (Prober(address.AddressFamily) is not { } prober)
        {
            return await IcmpEcho.SendAsync(address, timeout, cancellationToken).ConfigureAwait(false);
        }

        var result = await prober.ProbeAsync(new HopProbe(address, FullTtl, 0, NextSequence(), timeout), cancellationToken).ConfigureAwait(false);
        var from = result.From is { } sender ? $", from {sender}" : string.Empty;
        return result.Answer switch
        {
            HopAnswer.EchoReply => new PingOutcome(PingStatus.Reply, address, result.RoundTrip),
            HopAnswer.Unreachable => new PingOutcome(PingStatus.NoReply, address, null, Unreachable(address, result.Reason) + from),
            HopAnswer.TimeExceeded => new PingOutcome(PingStatus.NoReply, address, null, "time to live exceeded in transit" + from),
            HopAnswer.NoAnswer => new PingOutcome(PingStatus.NoReply, address, null, "no echo reply before the timeout"),
            _ => new PingOutcome(PingStatus.Unavailable, address, null, "ICMP echo is not available to this process: " + result.Detail),
        };
    }

    private static string Unreachable(IPAddress address, ProbeReason? reason)
    {
        var kind = reason switch
        {
            ProbeReason.HostUnreach => "destination host unreachable",
            ProbeReason.NetUnreach => "destination network unreachable",
            ProbeReason.AdminProhibited => "administratively prohibited",
            ProbeReason.PortUnreach => "port unreachable",
            _ => "destination unreachable",
        };
        return address.AddressFamily == AddressFamily.InterNetworkV6 ? $"{kind} (ICMPv6)" : kind;
    }

    /// <summary>A sequence number no other echo in flight uses (16 bits: it wraps after 65,536 echoes).</summary>
    private static ushort NextSequence() => unchecked((ushort)Interlocked.Increment(ref s_sequence));

    private IHopProber? Prober(AddressFamily family)
    {
        lock (_gate)
        {
            if (!_probers.TryGetValue(family, out var prober))
            {
                prober = _platform.TryCreate(TraceMode.Icmp, family, out var created, out _) ? created : null;
                _probers[family] = prober;
            }

            return prober;
        }
    }
}
