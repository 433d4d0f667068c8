using System.Net;
using Reach.Resolution;
using Reach.Targets;

namespace Reach.Checking;

/// <summary>The whole answer for one target: what it resolved to, what was probed, and the verdict.</summary>
public sealed record TargetReport(
    TargetSpec Target,
    ResolutionResult Resolution,
    IReadOnlyList<IPAddress> ProbedAddresses,
    IReadOnlyList<AddressCheck> Checks,
    TargetStatus Status,
    string Explanation,
    IReadOnlyList<ReverseName> ReverseNames)
{
    /// <summary>True when a TCP port answered (or, with no port, the host replied to ICMP echo).</summary>
    public bool Reachable => Status is TargetStatus.Open or TargetStatus.Reply;

    /// <summary>The check of the address tried first: the one the human line reports.</summary>
    public AddressCheck? Primary => Checks.FirstOrDefault(c => c.IsOpen) ?? (Checks.Count > 0 ? Checks[0] : null);
}
