namespace Reach.Monitoring.State;

/// <summary>What a probe did to a target's state.</summary>
internal enum TransitionKind
{
    /// <summary>Nothing changed status (counters may have moved).</summary>
    None,

    /// <summary>UNKNOWN to UP: the first conclusive news after start or reload. No alert: nothing was wrong.</summary>
    BecameUp,

    /// <summary>UNKNOWN or UP to DOWN: an incident opens and a DOWN alert goes out.</summary>
    WentDown,

    /// <summary>DOWN to UP: the incident closes and a recovery alert goes out.</summary>
    Recovered,
}
