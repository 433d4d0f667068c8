namespace Reach.Monitoring.Probing;

/// <summary>What one probe says about its target.</summary>
internal enum ProbeVerdict
{
    /// <summary>The port is open / the host answered the echo.</summary>
    Success,

    /// <summary>Closed, filtered, unreachable, no echo reply, or the name did not resolve.</summary>
    Failure,

    /// <summary>A local failure (no file descriptors, ICMP not allowed here): says nothing about the target, counts neither way.</summary>
    Inconclusive,
}
