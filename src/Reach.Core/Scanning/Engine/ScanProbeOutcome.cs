using System.Net.Sockets;
using Reach.Probes;

namespace Reach.Scanning.Engine;

/// <summary>What one attempt got: a verdict, whether anything answered (for RTT and pacing), whether it timed out.</summary>
internal readonly record struct ScanProbeOutcome(PortState State, ProbeReason Reason, bool Answered, bool TimedOut)
{
    public static ScanProbeOutcome Timeout { get; } = new(PortState.Filtered, ProbeReason.NoResponse, false, true);

    /// <summary>This host could not send the probe (no descriptor, no buffer, a local rule): no verdict.</summary>
    public static ScanProbeOutcome LocalFailure { get; } = new(PortState.Error, ProbeReason.LocalError, false, false);

    public static ScanProbeOutcome Connected(bool selfConnect) => selfConnect
        ? new(PortState.Closed, ProbeReason.SelfConnect, true, false)
        : new(PortState.Open, ProbeReason.SynAck, true, false);

    public static ScanProbeOutcome Failed(SocketError error, IcmpError? icmp)
    {
        var (state, reason) = ConnectErrorClassifier.Classify(error, icmp);
        var answered = state is PortState.Closed or PortState.Open || icmp is not null;
        // ETIMEDOUT: the kernel gave up on the SYN before we did; treat it like our own timeout.
        return new(state, reason, answered, !answered && reason == ProbeReason.NoResponse);
    }
}
