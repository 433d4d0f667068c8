namespace Reach.Pinging;

/// <summary>
/// What a <c>reach ping</c> run saw, printed at the end or on Ctrl+C. <see cref="Sent"/> counts the probes that
/// completed (one cut short by Ctrl+C is not counted); <see cref="LossPercent"/> is failed / sent × 100 (0 when
/// nothing was sent); <see cref="RoundTrips"/> is null when no probe succeeded. <see cref="Started"/> is when the
/// first probe started, <see cref="Ended"/> when the summary was made.
/// </summary>
public sealed record PingSummary(
    int Sent,
    int Succeeded,
    int Failed,
    double LossPercent,
    PingRoundTrips? RoundTrips,
    IReadOnlyList<PingStateChange> StateChanges,
    IReadOnlyList<PingDownInterval> DownIntervals,
    IReadOnlyList<PingAddressChange> AddressChanges,
    DateTimeOffset Started,
    DateTimeOffset Ended)
{
    /// <summary>True when at least one probe was made and every one succeeded: exit code 0.</summary>
    public bool AllSucceeded => Sent > 0 && Failed == 0;
}
