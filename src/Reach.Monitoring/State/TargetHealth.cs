namespace Reach.Monitoring.State;

/// <summary>A target's state as reach reports it.</summary>
internal enum TargetHealth
{
    /// <summary>Not enough probes yet to say (just started, or just added by a reload).</summary>
    Unknown,

    Up,

    Down,
}
