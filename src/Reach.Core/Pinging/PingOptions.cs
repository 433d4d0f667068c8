using Reach.Checking;

namespace Reach.Pinging;

/// <summary>How <c>reach ping</c> probes.</summary>
public sealed record PingOptions
{
    /// <summary>Time between the starts of two probes; a probe that takes longer delays the next one.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one probe waits for an answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long name resolution may take.</summary>
    public TimeSpan ResolveTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Stop after this many probes; null: until cancelled.</summary>
    public int? Count { get; init; }

    /// <summary>Resolve the name again before every probe (DNS fail-over) and report address changes.</summary>
    public bool ResolveEach { get; init; }

    public AddressFamilyFilter Family { get; init; } = AddressFamilyFilter.Any;
}
