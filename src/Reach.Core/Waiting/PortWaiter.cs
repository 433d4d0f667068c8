using System.Net;
using System.Net.Sockets;
using Reach.Checking;
using Reach.Probes;
using Reach.Resolution;
using Reach.Targets;

namespace Reach.Waiting;

/// <summary>
/// Runs <c>reach wait</c>: rounds of connect probes, one round per interval, until every target (or, with
/// <see cref="WaitOptions.Any"/>, one) is in the wanted state, or the overall timeout runs out. Names are resolved
/// again each round (a container's name may appear only once it starts). No probe or resolution waits past the
/// overall deadline.
/// </summary>
public sealed class PortWaiter
{
    private readonly IHostResolver _resolver;
    private readonly Func<IPEndPoint, TimeSpan, CancellationToken, Task<TcpProbeResult>> _probe;
    private readonly TimeProvider _time;

    public PortWaiter()
        : this(new SystemHostResolver(), new TcpConnectProbe(), TimeProvider.System)
    {
    }

    public PortWaiter(IHostResolver resolver, TcpConnectProbe probe, TimeProvider time)
        : this(resolver, (remote, timeout, ct) => probe.ProbeAsync(remote, new TcpProbeOptions { Timeout = timeout }, ct), time)
    {
        ArgumentNullException.ThrowIfNull(probe);
    }

    /// <summary>With a probe function of its own, for tests.</summary>
    internal PortWaiter(IHostResolver resolver, Func<IPEndPoint, TimeSpan, CancellationToken, Task<TcpProbeResult>> probe, TimeProvider time)
    {
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _time = time ?? throw new ArgumentNullException(nameof(time));
    }

    /// <summary>Waits; cancellation (Ctrl+C) throws <see cref="OperationCanceledException"/>.</summary>
    public async Task<WaitResult> RunAsync(
        IReadOnlyList<TargetSpec> targets,
        WaitOptions options,
        IProgress<WaitProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        if (targets.Any(t => t.Port is null))
        {
            throw new ArgumentException("every target needs a port", nameof(targets));
        }

        var started = _time.GetTimestamp();
        var statuses = targets.Select(WaitTargetStatus.Pending).ToArray();
        for (var round = 1; ; round++)
        {
            var roundStarted = _time.GetTimestamp();
            var remaining = options.Timeout - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return new WaitResult(statuses, false, _time.GetElapsedTime(started));
            }

            await ProbeRoundAsync(statuses, options, remaining, started, cancellationToken).ConfigureAwait(false);

            var elapsed = _time.GetElapsedTime(started);
            progress?.Report(new WaitProgress(statuses.ToArray(), round, elapsed, Max(options.Timeout - elapsed, TimeSpan.Zero)));
            if (options.Any ? statuses.Any(s => s.Done) : statuses.All(s => s.Done))
            {
                return new WaitResult(statuses, true, elapsed);
            }

            var pause = Min(Max(options.Interval, WaitOptions.MinInterval) - _time.GetElapsedTime(roundStarted), options.Timeout - elapsed);
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// Probes every target not yet done, concurrently. With <see cref="WaitOptions.Any"/> the first one done ends the
    /// round at once: the probes still waiting (a DROPped port, say) are cancelled instead of holding up success.
    /// </summary>
    private async Task ProbeRoundAsync(WaitTargetStatus[] statuses, WaitOptions options, TimeSpan remaining, long started, CancellationToken cancellationToken)
    {
        using var round = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = new Dictionary<Task<WaitTargetStatus>, int>();
        for (var i = 0; i < statuses.Length; i++)
        {
            if (!statuses[i].Done)
            {
                running.Add(ProbeAsync(statuses[i], options, remaining, started, round.Token), i);
            }
        }

        while (running.Count > 0)
        {
            var finished = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            var index = running[finished];
            running.Remove(finished);
            if (!finished.IsCompletedSuccessfully)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (round.IsCancellationRequested)
                {
                    continue; // cancelled by us: another target was done first
                }

                await finished.ConfigureAwait(false); // a real failure: let it surface
            }

            statuses[index] = finished.Result;
            if (options.Any && statuses[index].Done && !round.IsCancellationRequested)
            {
                await round.CancelAsync().ConfigureAwait(false);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task<WaitTargetStatus> ProbeAsync(WaitTargetStatus status, WaitOptions options, TimeSpan remaining, long started, CancellationToken cancellationToken)
    {
        var target = status.Target;
        var resolveBudget = Min(options.ResolveTimeout, remaining);
        var resolution = await _resolver.ResolveAsync(target.Host, resolveBudget, cancellationToken).ConfigureAwait(false);
        var address = resolution.Addresses.FirstOrDefault(a => Matches(a, options.Family));
        if (address is null)
        {
            if (resolveBudget < options.ResolveTimeout && status.State is not (WaitState.Pending or WaitState.Unresolved))
            {
                // A last round that started a moment before the deadline (timers wake on whole milliseconds) gave the
                // resolver almost no time: that says nothing about the name, and the last real answer still stands.
                return status;
            }

            var error = resolution.Error ?? "no address of the wanted family";
            return status with { State = WaitState.Unresolved, Reason = null, ResolveError = error, Probes = status.Probes + 1 };
        }

        // The resolution took some of the time left: the connect gets only what remains.
        var left = options.Timeout - _time.GetElapsedTime(started);
        if (left <= TimeSpan.Zero)
        {
            return status with { Address = address };
        }

        var budget = Min(options.ProbeTimeout, left);
        var result = await _probe(new IPEndPoint(address, target.Port!.Value.Number), budget, cancellationToken).ConfigureAwait(false);
        if (result.Reason == ProbeReason.NoResponse && budget < options.ProbeTimeout && status.State is not (WaitState.Pending or WaitState.Unresolved))
        {
            // Cut short by the overall deadline, not a full probe: the last real answer still stands.
            return status with { Address = address, Probes = status.Probes + 1 };
        }

        var silent = result.Reason == ProbeReason.NoResponse ? status.SilentInARow + 1 : 0;
        var done = options.Condition == WaitCondition.Open ? result.State == PortState.Open : IsDown(result, silent);
        return new WaitTargetStatus(
            target,
            done,
            State(result.State),
            result.Reason,
            address,
            status.Probes + 1,
            done ? _time.GetElapsedTime(started) : null)
        {
            SilentInARow = silent,
        };
    }

    /// <summary>
    /// Down: an answer that says so (RST, an ICMP error), or silence twice in a row. One unanswered SYN may be a lost
    /// packet (or a neighbour lookup still going on) on a port that is still open.
    /// </summary>
    private static bool IsDown(TcpProbeResult result, int silentInARow) => result.State switch
    {
        PortState.Closed => true,
        PortState.Filtered => result.Reason != ProbeReason.NoResponse || silentInARow >= 2,
        _ => false,
    };

    /// <summary>A port's state as the wait's (the same word).</summary>
    internal static WaitState State(PortState state) => state switch
    {
        PortState.Open => WaitState.Open,
        PortState.Closed => WaitState.Closed,
        PortState.Filtered => WaitState.Filtered,
        _ => WaitState.Error,
    };

    private static bool Matches(IPAddress address, AddressFamilyFilter family) => family switch
    {
        AddressFamilyFilter.IPv4Only => address.AddressFamily == AddressFamily.InterNetwork,
        AddressFamilyFilter.IPv6Only => address.AddressFamily == AddressFamily.InterNetworkV6,
        _ => true,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
