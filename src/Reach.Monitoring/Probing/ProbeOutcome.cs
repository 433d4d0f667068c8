using System.Net;
using Reach.Probes;

namespace Reach.Monitoring.Probing;

/// <summary>The result of one probe, in nmap's words.</summary>
/// <param name="At">When the probe started.</param>
/// <param name="Verdict">Success, failure or inconclusive.</param>
/// <param name="State"><c>open</c>, <c>closed</c>, <c>filtered</c>, <c>error</c>; <c>up</c>/<c>down</c> for icmp; <c>unresolved</c>.</param>
/// <param name="Reason"><c>syn-ack</c>, <c>conn-refused</c>, <c>no-response</c>, <c>host-unreach</c>, <c>echo-reply</c>, …</param>
/// <param name="Latency">The round trip, when something answered.</param>
/// <param name="Address">The address probed (a name's current address); null when a name did not resolve.</param>
/// <param name="Detail">The OS's or resolver's message, for humans.</param>
/// <param name="Details">What a tls or http check saw besides the verdict (certificate, protocol, status).</param>
internal sealed record ProbeOutcome(
    DateTimeOffset At,
    ProbeVerdict Verdict,
    ProbeState State,
    ProbeReason Reason,
    TimeSpan? Latency,
    IPAddress? Address,
    string? Detail = null,
    ProbeDetails? Details = null)
{
    /// <summary><c>closed (conn-refused)</c>, <c>unresolved (resolve-failed): Name or service not known</c>.</summary>
    public string Describe() => Detail is null || Verdict == ProbeVerdict.Success
        ? $"{State.ToWord()} ({Reason.ToWord()})"
        : $"{State.ToWord()} ({Reason.ToWord()}): {Detail}";
}
