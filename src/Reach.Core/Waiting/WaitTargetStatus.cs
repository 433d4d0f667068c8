using System.Net;
using Reach.Probes;
using Reach.Targets;

namespace Reach.Waiting;

/// <summary>Where one target of <c>reach wait</c> stands.</summary>
/// <param name="Target">The target as given (with its port).</param>
/// <param name="Done">True once the target was seen in the wanted state; it is not probed again.</param>
/// <param name="State">The last answer: <c>open</c>, <c>closed</c>, <c>filtered</c>, <c>error</c>,
/// <c>unresolved</c>, or <c>pending</c> before the first one.</param>
/// <param name="Reason">nmap's reason for the last answer; null while pending or unresolved (see <see cref="ResolveError"/>).</param>
/// <param name="Address">The address last probed.</param>
/// <param name="Probes">How many times the target was probed.</param>
/// <param name="DoneAfter">Time from the start of the wait to the probe that found the wanted state.</param>
public sealed record WaitTargetStatus(
    TargetSpec Target,
    bool Done,
    WaitState State,
    ProbeReason? Reason,
    IPAddress? Address,
    int Probes,
    TimeSpan? DoneAfter)
{
    /// <summary>How many probes in a row got no answer at all (no-response).</summary>
    public int SilentInARow { get; init; }

    /// <summary>Why the name did not resolve, when <see cref="State"/> is <see cref="WaitState.Unresolved"/>.</summary>
    public string? ResolveError { get; init; }

    public static WaitTargetStatus Pending(TargetSpec target) => new(target, false, WaitState.Pending, null, null, 0, null);
}
