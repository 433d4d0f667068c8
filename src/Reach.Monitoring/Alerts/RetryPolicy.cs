namespace Reach.Monitoring.Alerts;

/// <summary>Exponential backoff for failed alerts: 2 s, 4 s, 8 s … capped at 10 minutes; given up after 12 attempts (about an hour).</summary>
internal static class RetryPolicy
{
    public const int MaxAttempts = 12;

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(10);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt (1-based).</summary>
    public static TimeSpan DelayAfter(int attempts)
    {
        var seconds = Math.Pow(2, Math.Clamp(attempts, 1, 30));
        return seconds >= MaxDelay.TotalSeconds ? MaxDelay : TimeSpan.FromSeconds(seconds);
    }
}
