using Reach.Checking;

namespace Reach.Tracing;

/// <summary>How a trace runs. Every loop it drives is bounded by these numbers.</summary>
public sealed record TraceOptions
{
    public const int MaxTtl = 255;

    /// <summary>The highest TTL / hop limit tried (traceroute's -m, Test-NetConnection's -Hops).</summary>
    public int MaxHops { get; init; } = 30;

    /// <summary>Probes per hop (traceroute's -q).</summary>
    public int Queries { get; init; } = 3;

    /// <summary>How long each probe waits for its answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Probes in flight at once, over consecutive hops (traceroute's -N): 30 silent hops then take 6 timeouts, not 90.</summary>
    public int Parallel { get; init; } = 16;

    /// <summary>Look up the reverse name of every hop (off: -n).</summary>
    public bool ResolveNames { get; init; } = true;

    /// <summary>How long a reverse lookup may take; a hop without a name is printed without one.</summary>
    public TimeSpan NameTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the forward lookup of the target may take.</summary>
    public TimeSpan ResolveTimeout { get; init; } = TimeSpan.FromSeconds(5);

    public AddressFamilyFilter Family { get; init; } = AddressFamilyFilter.Any;
}
