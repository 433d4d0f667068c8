using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Reach.Http;
using Reach.Identification;
using Reach.Pinging;
using Reach.Probes;
using Reach.Resolution;
using Reach.Routing;
using Reach.Targets;
using Reach.Tls;

namespace Reach.Checking;

/// <summary>
/// Runs <c>reach check</c>: resolves each target, sends the ICMP echo and the TCP connect at the same time, and
/// explains the verdict. Targets are checked concurrently, so many targets take about one timeout.
/// </summary>
public sealed class CheckRunner
{
    /// <summary>How long the ICMP echo may still take once the TCP probe has answered.</summary>
    private static readonly TimeSpan PingGrace = TimeSpan.FromMilliseconds(500);

    private readonly IHostResolver _resolver;
    private readonly TcpConnectProbe _probe;

    public CheckRunner()
        : this(new SystemHostResolver(), new TcpConnectProbe())
    {
    }

    public CheckRunner(IHostResolver resolver, TcpConnectProbe probe)
    {
        _resolver = resolver ?? throw new ArgumentNullException(nameof(resolver));
        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
    }

    /// <param name="targets">What to check, in the order the reports come back.</param>
    /// <param name="options">How to check every target.</param>
    /// <param name="progress">Told about each report as it completes (in completion order), for a live status line.</param>
    /// <param name="cancellationToken">Stops the run (Ctrl+C).</param>
    public async Task<CheckRun> RunAsync(
        IReadOnlyList<TargetSpec> targets,
        CheckOptions options,
        IProgress<TargetReport>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(options);
        var started = Stopwatch.GetTimestamp();
        if (targets.Count == 1)
        {
            // One target: probe on this thread (see TcpConnectProbe.Probe): a cold `reach check` starts faster.
            var report = await CheckAsync(targets[0], options, synchronous: true, cancellationToken).ConfigureAwait(false);
            progress?.Report(report);
            return new CheckRun([report], Stopwatch.GetElapsedTime(started));
        }

        using var gate = new SemaphoreSlim(Math.Max(1, options.MaxConcurrency));
        var tasks = targets.Select(async target =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var report = await CheckAsync(target, options, cancellationToken).ConfigureAwait(false);
                progress?.Report(report);
                return report;
            }
            finally
            {
                gate.Release();
            }
        });
        var reports = await Task.WhenAll(tasks).ConfigureAwait(false);
        return new CheckRun(reports, Stopwatch.GetElapsedTime(started));
    }

    public Task<TargetReport> CheckAsync(TargetSpec target, CheckOptions options, CancellationToken cancellationToken = default) =>
        CheckAsync(target, options, synchronous: false, cancellationToken);

    private async Task<TargetReport> CheckAsync(TargetSpec target, CheckOptions options, bool synchronous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);

        var resolving = Stopwatch.GetTimestamp();
        var resolution = await _resolver.ResolveAsync(target.Host, options.ResolveTimeout, cancellationToken).ConfigureAwait(false);
        TimeSpan? dns = target.Literal is null ? Stopwatch.GetElapsedTime(resolving) : null;
        if (resolution.Status == ResolutionStatus.Unresolved)
        {
            return new TargetReport(target, resolution, [], [], TargetStatus.Unresolved,
                VerdictExplainer.ExplainUnresolved(target.Host, resolution.Error), []);
        }

        var usable = resolution.Addresses.Where(a => Matches(a, options.Family)).ToArray();
        if (usable.Length == 0)
        {
            return new TargetReport(target, resolution, [], [], TargetStatus.NoAddress,
                VerdictExplainer.ExplainNoAddress(target.Host, options.Family), []);
        }

        IPAddress[] probed = options.AllAddresses ? usable : [usable[0]];
        var reverseTask = options.Detailed ? ReverseLookupAsync(resolution.Addresses, options.ResolveTimeout, cancellationToken) : null;
        var checks = probed.Length == 1 && synchronous
            ? [CheckAddress(probed[0], target, dns, options, cancellationToken)]
            : await Task.WhenAll(probed.Select(a => CheckAddressAsync(a, target, dns, options, cancellationToken))).ConfigureAwait(false);
        var reverse = reverseTask is null ? [] : await reverseTask.ConfigureAwait(false);

        var (status, explanation) = Verdict(target, checks, options);
        if (status is not (TargetStatus.Open or TargetStatus.Reply) && usable.Length > probed.Length)
        {
            explanation += VerdictExplainer.NotProbedNote(usable.Length - probed.Length);
        }

        return new TargetReport(target, resolution, probed, checks, status, explanation, reverse);
    }

    private async Task<AddressCheck> CheckAddressAsync(IPAddress address, TargetSpec target, TimeSpan? dns, CheckOptions options, CancellationToken cancellationToken)
    {
        var port = target.Port;
        var pingTask = options.Ping
            ? new IcmpPingProbe().EchoAsync(address, options.Timeout, cancellationToken).AsTask()
            : Task.FromResult(PingOutcome.Skipped);
        var route = options.Detailed ? RouteResolver.Resolve(address) : null;

        TcpProbeResult? probe = null;
        if (port is { } p)
        {
            probe = await _probe.ProbeAsync(new IPEndPoint(address, p.Number), new TcpProbeOptions { Timeout = options.Timeout }, cancellationToken)
                .ConfigureAwait(false);
        }

        if (probe?.RoundTrip is null)
        {
            // No port, or a port that did not answer: the echo is part of the verdict, so it gets its whole timeout.
            await pingTask.ConfigureAwait(false);
        }
        else if (!pingTask.IsCompleted)
        {
            // The port has answered: the echo is only extra information, so do not let a host that drops ICMP
            // hold the verdict for the whole timeout.
            await Task.WhenAny(pingTask, Task.Delay(PingGrace, cancellationToken)).ConfigureAwait(false);
        }

        var (banner, tls, http) = await ServiceAsync(probe, target, dns, options, cancellationToken).ConfigureAwait(false);
        return Completed(probe, pingTask.IsCompleted ? await pingTask.ConfigureAwait(false) : PingAbandoned(address), route, options)
            with { Banner = banner, Tls = tls, TlsExpiresSoon = ExpiresSoon(tls, options), Http = http };
    }

    private static bool ExpiresSoon(TlsReport? report, CheckOptions options) =>
        report is not null && options.Tls is { } check && check.Warns(report);

    /// <summary>
    /// What answers the open port and its TLS, each on a connection of its own, at the same time; then its HTTP, alone,
    /// so that the phases it times are not shared with another handshake.
    /// </summary>
    private static async Task<(ServiceBanner? Banner, TlsReport? Tls, HttpReport? Http)> ServiceAsync(
        TcpProbeResult? probe, TargetSpec target, TimeSpan? dns, CheckOptions options, CancellationToken cancellationToken)
    {
        var banner = ReadBannerAsync(probe, target, options, cancellationToken);
        var tls = ShakeHandsAsync(probe, target, options, cancellationToken);
        var (read, shaken) = (await banner.ConfigureAwait(false), await tls.ConfigureAwait(false));
        var http = probe is { State: PortState.Open } open && options.AskHttp is { } ask && options.HttpFor(target) is { } asked
            ? await ask(open.Remote, asked.UrlFor(target, open.Remote.Port), dns, asked.Probe, cancellationToken).ConfigureAwait(false)
            : null;
        return (read, shaken, http);
    }

    /// <summary>The open port's TLS, on a connection of its own once the verdict is taken; SNI is the name as given.</summary>
    private static async Task<TlsReport?> ShakeHandsAsync(TcpProbeResult? probe, TargetSpec target, CheckOptions options, CancellationToken cancellationToken) =>
        probe is { State: PortState.Open } open && options.TlsFor(open.Remote.Port, target.Url?.Scheme == Uri.UriSchemeHttps) is { } tls
            ? await TlsProbe.ProbeAsync(open.Remote, target.Host, TlsPortOptions.ForPort(tls.Probe, open.Remote.Port), cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>The open port's banner, read on a connection of its own once the verdict is taken.</summary>
    private static async Task<ServiceBanner?> ReadBannerAsync(TcpProbeResult? probe, TargetSpec target, CheckOptions options, CancellationToken cancellationToken) =>
        options.Banner && probe is { State: PortState.Open } open
            ? await BannerReader.ReadAsync(open.Remote, target.Host, ExpectedService.ForPort(open.Remote.Port)?.Probe, options.BannerWait, cancellationToken).ConfigureAwait(false)
            : null;

    /// <summary>One address, on the calling thread; the ICMP echo runs meanwhile on a thread of its own.</summary>
    private AddressCheck CheckAddress(IPAddress address, TargetSpec target, TimeSpan? dns, CheckOptions options, CancellationToken cancellationToken)
    {
        var port = target.Port;
        var ping = PingOutcome.Skipped;
        Thread? pinger = null;
        if (options.Ping)
        {
            pinger = new Thread(() => ping = new IcmpPingProbe().EchoAsync(address, options.Timeout, CancellationToken.None).AsTask().GetAwaiter().GetResult())
            {
                IsBackground = true,
                Name = "reach-ping",
            };
            pinger.Start();
        }

        var route = options.Detailed ? RouteResolver.Resolve(address) : null;
        var probe = port is { } p
            ? _probe.Probe(new IPEndPoint(address, p.Number), new TcpProbeOptions { Timeout = options.Timeout }, cancellationToken)
            : null;
        if (pinger is not null && !pinger.Join(probe?.RoundTrip is null ? Timeout.InfiniteTimeSpan : PingGrace))
        {
            ping = PingAbandoned(address);
        }

        var (banner, tls, http) = probe is { State: PortState.Open }
            ? ServiceAsync(probe, target, dns, options, cancellationToken).GetAwaiter().GetResult()
            : (null, null, null);
        return Completed(probe, ping, route, options) with { Banner = banner, Tls = tls, TlsExpiresSoon = ExpiresSoon(tls, options), Http = http };
    }

    private static PingOutcome PingAbandoned(IPAddress address) =>
        new(PingStatus.NoReply, address, null, $"no echo reply within {Time.DurationParser.Format(PingGrace)} of the TCP answer");

    private static AddressCheck Completed(TcpProbeResult? probe, PingOutcome ping, RouteInfo? route, CheckOptions options)
    {
        var explanation = probe is null ? VerdictExplainer.ExplainPing(ping) : VerdictExplainer.Explain(probe, options.Timeout);
        return new AddressCheck(probe, ping, route, explanation);
    }

    private static (TargetStatus Status, string Explanation) Verdict(TargetSpec target, AddressCheck[] checks, CheckOptions options)
    {
        var primary = checks.FirstOrDefault(c => c.IsOpen) ?? checks[0];
        if (target.Port is null)
        {
            var status = primary.Ping.Status switch
            {
                PingStatus.Reply => TargetStatus.Reply,
                PingStatus.NoReply => TargetStatus.NoReply,
                _ => TargetStatus.Unavailable,
            };
            return (status, primary.Explanation);
        }

        if (primary.IsOpen && ExpectedService.ForPort(target.Port.Value.Number) is { } expected
            && primary.Banner?.Protocol is { } answered && expected.IsContradictedBy(answered))
        {
            return (TargetStatus.WrongService, VerdictExplainer.WrongService(target.Port.Value.Number, expected, answered));
        }

        if (primary.Tls is { } report && options.Tls is { } tls && !tls.Passes(report))
        {
            var why = TlsExplainer.Explain(report) is { } problem && (!tls.Insecure || !report.HandshakeCompleted)
                ? problem
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the certificate expires in {report.DaysLeft} day(s), under --cert-fail {tls.FailDays}");
            return (TargetStatus.TlsFailed, why);
        }

        if (primary.Http is { } http && options.HttpFor(target) is { } asked && (http.StatusCode is not { } code || !asked.Accepts(code)))
        {
            return (TargetStatus.HttpFailed, VerdictExplainer.HttpFailed(http, asked));
        }

        var state = primary.Probe!.State switch
        {
            PortState.Open => TargetStatus.Open,
            PortState.Closed => TargetStatus.Closed,
            PortState.Filtered => TargetStatus.Filtered,
            _ => TargetStatus.Error,
        };
        return (state, primary.Explanation);
    }

    private static bool Matches(IPAddress address, AddressFamilyFilter family) => family switch
    {
        AddressFamilyFilter.IPv4Only => address.AddressFamily == AddressFamily.InterNetwork,
        AddressFamilyFilter.IPv6Only => address.AddressFamily == AddressFamily.InterNetworkV6,
        _ => true,
    };

    private static async Task<IReadOnlyList<ReverseName>> ReverseLookupAsync(IReadOnlyList<IPAddress> addresses, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var names = await Task.WhenAll(addresses.Select(async address =>
        {
            try
            {
                var entry = await Dns.GetHostEntryAsync(address).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
                return new ReverseName(address, string.IsNullOrEmpty(entry.HostName) || entry.HostName == address.ToString() ? null : entry.HostName);
            }
            catch (Exception ex) when (ex is SocketException or TimeoutException or ArgumentException)
            {
                return new ReverseName(address, null);
            }
        })).ConfigureAwait(false);
        return names;
    }
}
