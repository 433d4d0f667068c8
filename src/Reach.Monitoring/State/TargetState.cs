namespace Reach.Monitoring.State;

/// <summary>Everything reach remembers about one target between probes (and, through the store, across restarts).</summary>
/// <param name="Status">UP, DOWN or UNKNOWN.</param>
/// <param name="Since">When <see cref="Status"/> began (for DOWN: the first failure of the streak that caused it).</param>
/// <param name="ConsecutiveFailures">Failures in a row, reset by a success.</param>
/// <param name="ConsecutiveSuccesses">Successes in a row, reset by a failure.</param>
/// <param name="StreakStart">When the current run of successes or failures began.</param>
/// <param name="LastProbeAt">When the last conclusive or inconclusive probe started.</param>
/// <param name="LastError">The last failure, described (<c>closed (conn-refused)</c>); kept after recovery for reference.</param>
/// <param name="OpenIncidentId">The store's id of the open incident while DOWN.</param>
internal sealed record TargetState(
    TargetHealth Status,
    DateTimeOffset? Since,
    int ConsecutiveFailures,
    int ConsecutiveSuccesses,
    DateTimeOffset? StreakStart,
    DateTimeOffset? LastProbeAt,
    string? LastError,
    long? OpenIncidentId)
{
    public static TargetState Initial { get; } = new(TargetHealth.Unknown, null, 0, 0, null, null, null, null);
}
