namespace Reach.Monitoring.Store;

/// <summary>Why an alert goes out.</summary>
public enum AlertKind
{
    /// <summary>The target turned DOWN: an incident opened.</summary>
    Down = 1,

    /// <summary>The target is UP again: its incident closed.</summary>
    Recovered = 2,

    /// <summary>Still DOWN after <c>repeat</c>: a reminder for the open incident.</summary>
    Repeat = 3,
}
