namespace Reach.Monitoring.Config;

/// <summary>
/// How long history is kept: every raw result for <see cref="Raw"/>, then one row per target and minute for
/// <see cref="Minutes"/>, then one per target and hour for <see cref="Hours"/>; older rows are deleted. The file
/// stays bounded: its size is set by the number of targets, not by how long reach runs.
/// </summary>
internal sealed record HistoryRetention(TimeSpan Raw, TimeSpan Minutes, TimeSpan Hours)
{
    public static HistoryRetention Default { get; } = new(TimeSpan.FromDays(7), TimeSpan.FromDays(30), TimeSpan.FromDays(400));
}
