using Reach.Checking;

namespace Reach.Waiting;

/// <summary>How <c>reach wait</c> probes.</summary>
public sealed record WaitOptions
{
    /// <summary>
    /// The shortest <see cref="Interval"/>: below it a wait on a closed port spins a core on connects and timers
    /// (<c>--interval 1us</c> used 64% of one) without learning anything sooner. <c>reach wait</c> refuses less;
    /// <see cref="PortWaiter"/> never pauses less between round starts.
    /// </summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(10);

    /// <summary>Time between the starts of two rounds of probes; at least <see cref="MinInterval"/>.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Give up after this long: the targets not yet in the wanted state are reported.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long one connect may wait for an answer; never longer than the time left of <see cref="Timeout"/>.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one name resolution may take; also bounded by the time left.</summary>
    public TimeSpan ResolveTimeout { get; init; } = TimeSpan.FromSeconds(2);

    public WaitCondition Condition { get; init; } = WaitCondition.Open;

    /// <summary>Done as soon as one target is in the wanted state, instead of all of them.</summary>
    public bool Any { get; init; }

    public AddressFamilyFilter Family { get; init; } = AddressFamilyFilter.Any;
}
