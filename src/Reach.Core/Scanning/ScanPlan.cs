using Reach.Resolution;

namespace Reach.Scanning;

/// <summary>
/// What a scan covers: the address space (names resolved, exclusions applied), the ports, and the order. The
/// targets are computed one by one from the permutations: nothing proportional to the space is held. The commonly
/// open ports of every host come first (<see cref="PortBands"/>), each band in its own pseudo-random order.
/// </summary>
public sealed class ScanPlan
{
    /// <summary>Mixed into the seed of the second band, so that the two bands are ordered independently.</summary>
    private const ulong RestBandSalt = 0x9E3779B97F4A7C15;

    private readonly (PortSet Ports, ScanOrder Order)[] _bands;

    public ScanPlan(AddressSpace addresses, PortSet ports, ulong seed, ShardSpec shard, IReadOnlyList<ResolutionResult> unresolved)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        ArgumentNullException.ThrowIfNull(ports);
        Addresses = addresses;
        Ports = ports;
        Unresolved = unresolved;
        var (common, rest) = PortBands.Split(ports);
        _bands = rest.IsEmpty
            ? [(common, new ScanOrder(addresses.Count, common.Count, seed, shard))]
            : [(common, new ScanOrder(addresses.Count, common.Count, seed, shard)), (rest, new ScanOrder(addresses.Count, rest.Count, seed ^ RestBandSalt, shard))];
        Count = _bands.Sum(b => b.Order.Count);
    }

    public AddressSpace Addresses { get; }

    public PortSet Ports { get; }

    /// <summary>How many (address, port) pairs this plan (and shard) probes.</summary>
    public long Count { get; }

    /// <summary>Names that did not resolve: reported, not fatal.</summary>
    public IReadOnlyList<ResolutionResult> Unresolved { get; }

    /// <summary>Every (address, port) of this plan (and shard), in scan order: the common ports of every host first.</summary>
    public IEnumerable<ScanProbeTarget> Targets()
    {
        foreach (var (ports, order) in _bands)
        {
            foreach (var (host, port) in order)
            {
                yield return new ScanProbeTarget(host, Addresses.GetAddress(host), ports[port]);
            }
        }
    }

    /// <summary>
    /// Whether this plan (and shard) probes <paramref name="host"/> on the port at <paramref name="portIndex"/> of
    /// <see cref="Ports"/>: a report that must tell an unscanned pair from a silent one asks here.
    /// </summary>
    public bool Visits(long host, int portIndex)
    {
        var port = Ports[portIndex];
        foreach (var (ports, order) in _bands)
        {
            var index = ports.IndexOf(port);
            if (index >= 0)
            {
                return order.Contains(host, index);
            }
        }

        return false;
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
