namespace Reach.Monitoring.Config;

/// <summary>The top-level defaults every check inherits unless it sets its own.</summary>
public sealed record CheckDefaults(TimeSpan Interval, TimeSpan Timeout, int DownAfter, int UpAfter)
{
    public static CheckDefaults Builtin { get; } = new(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(3), DownAfter: 2, UpAfter: 1);
}
