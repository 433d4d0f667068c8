using Reach.Resolution;

namespace Reach.Scanning;

/// <summary>
/// What a scan covers: the address space (names resolved, exclusions applied), the ports, and the order. The
/// targets are computed one by one from the permutation: nothing proportional to the space is held.
/// </summary>
public sealed class ScanPlan
{
    public ScanPlan(AddressSpace addresses, PortSet ports, ulong seed, ShardSpec shard, IReadOnlyList<ResolutionResult> unresolved)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(ports);
        Addresses = addresses;
        Ports = ports;
        Unresolved = unresolved;
        Order = new ScanOrder(addresses.Count, ports.Count, seed, shard);
    }

    public AddressSpace Addresses { get; }

    public PortSet Ports { get; }

    public ScanOrder Order { get; }

    /// <summary>Names that did not resolve: reported, not fatal.</summary>
    public IReadOnlyList<ResolutionResult> Unresolved { get; }

    /// <summary>Every (address, port) of this plan (and shard), in scan order.</summary>
    public IEnumerable<ScanProbeTarget> Targets()
    {
        foreach (var (host, port) in Order)
        {
            yield return new ScanProbeTarget(host, Addresses.GetAddress(host), Ports[port]);
        }
    }

    /// <summary>
    /// Resolves the names among <paramref name="targets"/> once and concurrently, then builds the plan.
    /// </summary>
    public static async Task<ScanPlan> BuildAsync(
        IReadOnlyList<HostSpec> targets,
        IReadOnlyList<HostSpec> exclusions,
        PortSet ports,
        ulong seed,
        ShardSpec shard,
        IHostResolver resolver,
        TimeSpan resolveTimeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(exclusions);
        ArgumentNullException.ThrowIfNull(resolver);

        var names = targets.Where(t => t.IsHostName).Select(t => t.HostName!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var resolutions = await Task.WhenAll(names.Select(n => resolver.ResolveAsync(n, resolveTimeout, cancellationToken))).ConfigureAwait(false);
        var resolved = resolutions
            .Where(r => r.Status != ResolutionStatus.Unresolved)
            .SelectMany(r => r.Addresses.Select(a => new NamedAddress(r.Host, a)))
            .ToList();
        var unresolved = resolutions.Where(r => r.Status == ResolutionStatus.Unresolved).ToList();

        var space = AddressSpace.Create(
            targets.SelectMany(t => t.Ranges),
            exclusions.SelectMany(e => e.Ranges),
            resolved);
        return new ScanPlan(space, ports, seed, shard, unresolved);
    }
}
