using System.Diagnostics.CodeAnalysis;
using Reach.Probes;

namespace Reach.Scanning;

/// <summary>
/// What a scan reports besides its summary, and whether it fails: <c>--all</c> (every port), <c>--down</c> (the hosts
/// that miss a port, not the open ports), <c>--fail-on-closed</c> (exit 1 when a port is not open, naming the first
/// few). Fed every result as it is decided; keeps only what its reports need.
/// </summary>
public sealed class ScanReports
{
    private readonly bool _all;

    public ScanReports(ScanPlan plan, bool all, bool down, bool failOnClosed, int notOpenShown)
    {
        ArgumentNullException.ThrowIfNull(plan);
        _all = all;
        // Kept only for the report that needs them: --down's is proportional to the ports that answered,
        // --fail-on-closed's is bounded.
        Missing = down ? new ScanMissingPorts(plan) : null;
        NotOpen = failOnClosed ? new ScanNotOpenPorts(notOpenShown) : null;
    }

    /// <summary>The hosts missing a port, with <c>--down</c>; otherwise null.</summary>
    public ScanMissingPorts? Missing { get; }

    /// <summary>The ports that were not open, with <c>--fail-on-closed</c>; otherwise null.</summary>
    public ScanNotOpenPorts? NotOpen { get; }

    /// <summary>Records a decided port; true when the port is listed in the output as it comes.</summary>
    /// <remarks>
    /// A local error is always listed; an open port unless <c>--down</c> reports hosts instead (the "which of
    /// servers.txt misses a port" report); every port with <c>--all</c>.
    /// </remarks>
    public bool Add(ScanPortResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Missing?.Add(result);
        NotOpen?.Add(result);
        return _all || result.State == PortState.Error || (Missing is null && result.State == PortState.Open);
    }

    /// <summary>With <c>--fail-on-closed</c>: true when a port was not open or a name did not resolve.</summary>
    [MemberNotNullWhen(true, nameof(NotOpen))]
    public bool Fails(ScanPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return NotOpen is not null && (NotOpen.Count > 0 || plan.Unresolved.Count > 0);
    }
}
