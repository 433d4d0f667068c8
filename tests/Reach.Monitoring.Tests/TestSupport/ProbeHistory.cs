using System.Net;
using Reach.Monitoring.Expansion;
using Reach.Monitoring.Probing;
using Reach.Monitoring.State;
using Reach.Monitoring.Store;
using Reach.Probes;

namespace Reach.Monitoring.Tests.TestSupport;

/// <summary>
/// Fills a store the way reach watch does: a pattern of probes (<c>+</c> success, <c>-</c> failure) one minute
/// apart through the state machine, with every transition committed (incidents) and every result recorded.
/// </summary>
internal static class ProbeHistory
{
    public static readonly Thresholds Damping = new(2, 1);

    public static Task PlayAsync(IMonitorStore store, TargetKey key, DateTimeOffset start, string pattern, CancellationToken ct) =>
        PlayAsync(store, key, start, pattern, failureLatency: null, ct);

    /// <param name="failureLatency">The round trip of a failure (a closed port's RST comes back in time too); none when null.</param>
    public static async Task PlayAsync(IMonitorStore store, TargetKey key, DateTimeOffset start, string pattern, TimeSpan? failureLatency, CancellationToken ct)
    {
        var state = TargetState.Initial;
        for (var i = 0; i < pattern.Length; i++)
        {
            var at = start.AddMinutes(i);
            var outcome = pattern[i] == '+'
                ? new ProbeOutcome(at, ProbeVerdict.Success, ProbeState.Open, ProbeReason.SynAck, TimeSpan.FromMilliseconds(1), IPAddress.Loopback)
                : new ProbeOutcome(at, ProbeVerdict.Failure, ProbeState.Closed, ProbeReason.ConnRefused, failureLatency, IPAddress.Loopback, "Connection refused");
            var transition = TargetStateMachine.Apply(state, outcome, Damping);
            state = transition.Changed
                ? await store.CommitTransitionAsync(key, transition, [], at, ct)
                : transition.Current;
            await store.RecordAsync([new ProbeRecord(key, outcome, state)], ct);
        }
    }
}
