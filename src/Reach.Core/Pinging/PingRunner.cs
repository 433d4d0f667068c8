using System.Net;
using System.Net.Sockets;
using Reach.Checking;
using Reach.Resolution;

namespace Reach.Pinging;

/// <summary>
/// Runs <c>reach ping</c>: one probe per interval until the count is reached or the token is cancelled (Ctrl+C),
/// then the summary. Cancellation is an ordinary end: the probe it interrupts is dropped, the rest is summarized.
/// </summary>
public sealed class PingRunner
{
    private readonly IHostResolver _resolver;
    private readonly IPingProbe _probe;
    private readonly TimeProvider _time;

    public PingRunner(IPingProbe probe)
        : this(new SystemHostResolver(), probe, TimeProvider.System)
    {
    }

    public PingRunner(IHostResolver resolver, IPingProbe probe, TimeProvider time)
    {
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>
    /// The first probe starts, like every later one, from a wake-up after a pause. A process that has just spent its
    /// start-up on the CPU is the first one the scheduler preempts, and a preemption inside the timed span added a
    /// whole time slice to the first sample (12.3, 2.2, 1.5 ms where later ones took 0.1 ms).
    /// </summary>
    internal static readonly TimeSpan FirstProbePause = TimeSpan.FromMilliseconds(10);

    public async Task<PingRun> RunAsync(string host, PingOptions options, IPingObserver? observer = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentNullException.ThrowIfNull(options);
        var statistics = new PingStatistics();

        ResolutionResult resolution;
        try
        {
            resolution = await ResolveAsync(host, options, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new PingRun(ResolutionResult.Failed(host, "interrupted"), statistics.Summarize(_time.GetUtcNow()), Cancelled: true);
        }

        var address = resolution.Addresses.Count > 0 ? resolution.Addresses[0] : null;
        if (address is null && !options.ResolveEach)
        {
            return new PingRun(resolution, statistics.Summarize(_time.GetUtcNow()), Cancelled: false);
        }

        if (address is not null)
        {
            observer?.Started(host, address);
        }

        _probe.WarmUp();
        var cancelled = false;
        long? lastStart = null;
        for (var sequence = 1; options.Count is null || sequence <= options.Count; sequence++)
        {
            try
            {
                var wait = lastStart is { } last ? options.Interval - _time.GetElapsedTime(last) : FirstProbePause;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }

                lastStart = _time.GetTimestamp();
                var previous = address;
                if (options.ResolveEach && sequence > 1)
                {
                    resolution = await ResolveAsync(host, options, cancellationToken).ConfigureAwait(false);
                    address = resolution.Addresses.Count > 0 ? resolution.Addresses[0] : null;
                }

                var result = await ProbeAsync(sequence, address, previous, resolution, options, cancellationToken).ConfigureAwait(false);
                statistics.Add(result);
                observer?.Probed(result);
                address ??= previous; // an unresolved probe does not count as an address change later
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }
        }

        return new PingRun(resolution, statistics.Summarize(_time.GetUtcNow()), cancelled);
    }

    private async Task<PingResult> ProbeAsync(
        int sequence,
        IPAddress? address,
        IPAddress? previous,
        ResolutionResult resolution,
        PingOptions options,
        CancellationToken cancellationToken)
    {
        var timestamp = _time.GetUtcNow();
        if (address is null)
        {
            return new PingResult(sequence, timestamp, null, false, null, PingState.Unresolved, Detail: resolution.Error);
        }

        var outcome = await _probe.ProbeAsync(address, options.Timeout, cancellationToken).ConfigureAwait(false);
        var changed = previous is not null && !previous.Equals(address) ? previous : null;
        return new PingResult(sequence, timestamp, address, outcome.Succeeded, outcome.RoundTrip, outcome.State, outcome.Reason, outcome.Detail, changed);
    }

    /// <summary>Resolves the name to the addresses of the wanted family (in the resolver's order), or a failure.</summary>
    private async Task<ResolutionResult> ResolveAsync(string host, PingOptions options, CancellationToken cancellationToken)
    {
        var resolution = await _resolver.ResolveAsync(host, options.ResolveTimeout, cancellationToken).ConfigureAwait(false);
        if (resolution.Status == ResolutionStatus.Unresolved)
        {
            return resolution;
        }

        var usable = resolution.Addresses.Where(a => Matches(a, options.Family)).ToArray();
        return usable.Length > 0
            ? resolution with { Addresses = usable }
            : ResolutionResult.Failed(host, options.Family == AddressFamilyFilter.IPv4Only ? "the name has no IPv4 address" : "the name has no IPv6 address");
    }

    private static bool Matches(IPAddress address, AddressFamilyFilter family) => family switch
    {
        AddressFamilyFilter.IPv4Only => address.AddressFamily == AddressFamily.InterNetwork,
        AddressFamilyFilter.IPv6Only => address.AddressFamily == AddressFamily.InterNetworkV6,
        _ => true,
    };
}
