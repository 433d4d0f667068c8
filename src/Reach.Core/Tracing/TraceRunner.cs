using System.Net;
using System.Net.Sockets;
using Reach.Checking;
using Reach.Platform;
using Reach.Probes;
using Reach.Resolution;
using Reach.Targets;

namespace Reach.Tracing;

/// <summary>
/// <c>reach trace</c>: resolves the target, picks how this process may send TTL-limited probes (ICMP echo, or TCP SYN
/// when a port is given), and probes TTL 1 to <see cref="TraceOptions.MaxHops"/> until the destination answers.
/// </summary>
public sealed class TraceRunner
{
    private readonly IHostResolver _resolver;
    private readonly IReverseResolver _reverse;
    private readonly ITracePlatform _platform;

    public TraceRunner()
        : this(new SystemHostResolver(), new SystemReverseResolver(), PlatformServices.Trace)
    {
    }

    public TraceRunner(IHostResolver resolver, IReverseResolver reverse, ITracePlatform platform)
    {
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _reverse = reverse ?? throw new ArgumentNullException(nameof(reverse));
        _platform = platform ?? throw new ArgumentNullException(nameof(platform));
    }

    public async Task<TraceResult> RunAsync(TargetSpec target, TraceOptions options, ITraceObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxHops, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxHops, TraceOptions.MaxTtl, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Queries, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Parallel, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.Timeout, TimeSpan.Zero, nameof(options));

        var mode = target.Port is null ? TraceMode.Icmp : TraceMode.Tcp;
        var resolution = await _resolver.ResolveAsync(target.Host, options.ResolveTimeout, cancellationToken).ConfigureAwait(false);
        var address = resolution.Addresses.FirstOrDefault(a => Matches(a, options.Family));
        if (address is null)
        {
            var why = resolution.Status == ResolutionStatus.Unresolved
                ? $"cannot resolve {target.Host}: {resolution.Error}"
                : $"{target.Host} has no {(options.Family == AddressFamilyFilter.IPv4Only ? "IPv4" : "IPv6")} address";
            return Failed(target, null, mode, options, ProbeReason.Unresolved, why);
        }

        if (!_platform.TryCreate(mode, address.AddressFamily, out var prober, out var unavailable))
        {
            return Failed(target, address, mode, options, ProbeReason.Unavailable, unavailable);
        }

        observer?.Started(address, mode);
        var hops = await HopScheduler.RunAsync(
            prober,
            address,
            target.Port?.Number ?? 0,
            options,
            options.ResolveNames ? (a, ct) => _reverse.LookupAsync(a, options.NameTimeout, ct) : null,
            observer is null ? null : observer.HopCompleted,
            cancellationToken).ConfigureAwait(false);
        var verdict = TraceVerdictBuilder.Build(address, target.Port, hops, options.MaxHops);
        return new TraceResult(target, address, target.Port, mode, options, hops, verdict);
    }

    private static TraceResult Failed(TargetSpec target, IPAddress? address, TraceMode mode, TraceOptions options, ProbeReason reason, string why) =>
        new(target, address, target.Port, mode, options, [], new TraceVerdict(TraceState.Error, reason, null, null, why));

    private static bool Matches(IPAddress address, AddressFamilyFilter family) => family switch
    {
        AddressFamilyFilter.IPv4Only => address.AddressFamily == AddressFamily.InterNetwork,
        AddressFamilyFilter.IPv6Only => address.AddressFamily == AddressFamily.InterNetworkV6,
        _ => true,
    };
}
