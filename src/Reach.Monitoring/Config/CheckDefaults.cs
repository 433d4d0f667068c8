namespace Reach.Monitoring.Config;

/// <summary>The top-level defaults every check inherits unless it sets its own.</summary>
internal sealed record CheckDefaults(TimeSpan Interval, TimeSpan Timeout, int DownAfter, int UpAfter)
{
    /// <summary>True when reach.yaml sets the top-level <c>timeout</c>: a check it does not fit is refused, while the
    /// built-in timeout shrinks to fit a short interval.</summary>
    public bool TimeoutGiven { get; init; }

    public static CheckDefaults Builtin { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(3), DownAfter: 2, UpAfter: 1);
}
