namespace Reach.Waiting;

/// <summary>What <c>reach wait</c> waits for.</summary>
public enum WaitCondition
{
    /// <summary>The port accepts connections (open).</summary>
    Open,

    /// <summary>The port no longer accepts connections: closed (RST) or filtered (no answer, ICMP error).</summary>
    Closed,
}
