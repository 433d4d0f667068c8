namespace Reach.Monitoring.State;

/// <summary>Flap damping: how many consecutive failures make a target DOWN, and successes make it UP again.</summary>
internal readonly record struct Thresholds(int DownAfter, int UpAfter)
{
    public static Thresholds Of(Config.CheckDefinition check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return new Thresholds(check.DownAfter, check.UpAfter);
    }
}
