using System.Globalization;
using System.Net;
using Reach.Probes;
using Reach.Targets;

namespace Reach.Tracing;

/// <summary>Reads the hops of a finished trace as one verdict and one plain-language sentence.</summary>
public static class TraceVerdictBuilder
{
    public static TraceVerdict Build(IPAddress destination, PortSpec? port, IReadOnlyList<TraceHop> hops, int maxHops)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(hops);
        var end = hops.Count > 0 ? hops[^1].Terminal : null;
        var lastAnswering = hops.LastOrDefault(h => h.Address is not null);
        return port is { } tcp ? ForTcp(destination, tcp, hops, end, lastAnswering, maxHops) : ForIcmp(destination, hops, end, lastAnswering, maxHops);
    }

    private static TraceVerdict ForTcp(IPAddress destination, PortSpec port, IReadOnlyList<TraceHop> hops, HopProbeResult? end, TraceHop? lastAnswering, int maxHops)
    {
        var what = $"port {port.Number.ToString(CultureInfo.InvariantCulture)}";
        switch (end)
        {
            case { Answer: HopAnswer.SynAck }:
                return new(TraceState.Open, ProbeReason.SynAck, end.Ttl, destination,
                    $"{what} is open: {destination} answered SYN-ACK at hop {end.Ttl}");
            case { Answer: HopAnswer.Reset }:
                return new(TraceState.Closed, ProbeReason.ConnRefused, end.Ttl, destination,
                    $"{what} is closed: {destination} answered RST at hop {end.Ttl} (the path is open; nothing listens on the port)");
            case { Answer: HopAnswer.Unreachable }:
                var rejectedAt = HopOf(end, hops);
                return new(TraceState.Filtered, Unreachable(end.Reason), rejectedAt, end.From,
                    $"{what} is filtered at hop {rejectedAt} ({Who(end.From)}): it answered {Word(end.Reason)}, {Meaning(end.Reason)}");
            case { Answer: HopAnswer.LocalError }:
                return LocalError(end);
        }

        if (lastAnswering is null)
        {
            return new(TraceState.Filtered, ProbeReason.NoResponse, null, null,
                $"{what} is filtered: nothing answered within {Hops(hops.Count, maxHops)}, not even hop 1");
        }

        return new(TraceState.Filtered, ProbeReason.NoResponse, lastAnswering.Ttl, lastAnswering.Address,
            $"{what} is filtered after hop {lastAnswering.Ttl} ({lastAnswering.Address}): nothing answered beyond it");
    }

    private static TraceVerdict ForIcmp(IPAddress destination, IReadOnlyList<TraceHop> hops, HopProbeResult? end, TraceHop? lastAnswering, int maxHops)
    {
        switch (end)
        {
            case { Answer: HopAnswer.EchoReply }:
                return new(TraceState.Reached, ProbeReason.EchoReply, end.Ttl, destination,
                    $"{destination} reached in {end.Ttl} {(end.Ttl == 1 ? "hop" : "hops")}");
            case { Answer: HopAnswer.Unreachable }:
                var rejectedAt = HopOf(end, hops);
                return new(TraceState.NotReached, Unreachable(end.Reason), rejectedAt, end.From,
                    $"{destination} not reached: hop {rejectedAt} ({Who(end.From)}) answered {Word(end.Reason)}, {Meaning(end.Reason)}");
            case { Answer: HopAnswer.LocalError }:
                return LocalError(end);
        }

        if (lastAnswering is null)
        {
            return new(TraceState.NotReached, ProbeReason.NoResponse, null, null,
                $"{destination} not reached: nothing answered within {Hops(hops.Count, maxHops)}, not even hop 1");
        }

        return new(TraceState.NotReached, ProbeReason.NoResponse, lastAnswering.Ttl, lastAnswering.Address,
            $"{destination} not reached within {Hops(hops.Count, maxHops)}: the last hop that answered was {lastAnswering.Ttl} ({lastAnswering.Address})");
    }

    /// <summary>
    /// The hop that sent the unreachable. A router that rejects forwarded packets answers the probe one TTL past
    /// itself (the probe with its own TTL expired there first), so the sender is the hop where its address first
    /// answered, not the probe's TTL.
    /// </summary>
    private static int HopOf(HopProbeResult end, IReadOnlyList<TraceHop> hops) =>
        end.From is { } sender && hops.FirstOrDefault(h => h.Ttl < end.Ttl && h.Addresses.Contains(sender)) is { } earlier
            ? earlier.Ttl
            : end.Ttl;

    private static TraceVerdict LocalError(HopProbeResult end) =>
        new(TraceState.Error, ProbeReason.LocalError, null, null, $"this host could not send the probes: {end.Detail}");

    private static string Hops(int tried, int maxHops) => $"{Math.Max(tried, maxHops).ToString(CultureInfo.InvariantCulture)} hops";

    private static string Who(IPAddress? address) => address?.ToString() ?? "unknown address";

    private static string Word(ProbeReason? reason) => (reason ?? ProbeReason.HostUnreach).ToWord();

    private static string Meaning(ProbeReason? reason) => reason switch
    {
        ProbeReason.AdminProhibited => "a firewall rejects it by policy",
        ProbeReason.PortUnreach => "a firewall rejects it (or, for UDP, nothing listens)",
        ProbeReason.NetUnreach => "it has no route to the destination network",
        _ => "it cannot deliver to the destination host",
    };

    /// <summary>The kind of an unreachable as the verdict names it: a host unreachable unless the answer said otherwise.</summary>
    private static ProbeReason Unreachable(ProbeReason? reason) => reason switch
    {
        ProbeReason.AdminProhibited or ProbeReason.PortUnreach or ProbeReason.NetUnreach => reason.Value,
        _ => ProbeReason.HostUnreach,
    };
}
