namespace Reach.Waiting;

/// <summary>What <c>reach wait</c> waits for.</summary>
public enum WaitCondition
{
    /// <summary>The port accepts connections (open).</summary>
    Open,

    /// <summary>
    /// The port no longer accepts connections: closed (RST), filtered by an ICMP error, or no answer to two probes
    /// in a row (one lost SYN is not enough).
    /// </summary>
    Closed,
}
