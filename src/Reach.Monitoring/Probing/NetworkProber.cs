using System.Diagnostics;
using System.Net;
using Reach.Checking;
using Reach.Expect;
using Reach.Http;
using Reach.Monitoring.Config;
using Reach.Monitoring.Expansion;
using Reach.Pinging;
using Reach.Probes;
using Reach.Resolution;
using Reach.Tls;

namespace Reach.Monitoring.Probing;

/// <summary>
/// The real probes: a TCP connect (Reach.Core's <see cref="TcpConnectProbe"/>), then for tls, http and expect checks
/// the service itself (<see cref="TlsProbe"/>, <see cref="HttpProbe"/>, <see cref="ExpectProbe"/>); or an ICMP echo through
/// <see cref="IcmpPingProbe"/>, as <c>reach ping --icmp</c> sends it: reach's own echo socket where the process may
/// open one (microsecond round trips), else the OS API (whole milliseconds, so a LAN host's round trip reads 0).
/// </summary>
internal sealed class NetworkProber : ITargetProber
{
    private readonly TcpConnectProbe tcp = new();
    private readonly IcmpPingProbe icmp = new();
    private static readonly TimeSpan MinServiceTime = TimeSpan.FromMilliseconds(10);
    private readonly NameCache names;
    private readonly TimeProvider time;

    public NetworkProber(IHostResolver resolver, TimeProvider time)
    {
        names = new NameCache(resolver, time);
        this.time = time;
    }

    public async Task<ProbeOutcome> ProbeAsync(MonitoredTarget target, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var check = target.Check;
        var address = target.Address;
        if (address is null)
        {
            var resolution = await names.ResolveAsync(target.Key.Host, check.Interval, check.Timeout, cancellationToken).ConfigureAwait(false);
            if (resolution.Addresses.Count == 0)
            {
                return new ProbeOutcome(startedAt, ProbeVerdict.Failure, ProbeState.Unresolved, ProbeReason.ResolveFailed, null, null, resolution.Error ?? "the name has no address");
            }

            // As reach check does: the resolver's first address (the one other programs would use).
            address = resolution.Addresses[0];
        }

        if (check.Type == CheckType.Icmp)
        {
            return await PingAsync(address, check.Timeout, startedAt, cancellationToken).ConfigureAwait(false);
        }

        var endPoint = new IPEndPoint(address, target.Key.Port);
        var clock = Stopwatch.StartNew();
        var connected = await ConnectAsync(endPoint, check.Timeout, startedAt, cancellationToken).ConfigureAwait(false);
        if (connected.Verdict != ProbeVerdict.Success || check.Type == CheckType.Tcp)
        {
            return connected;
        }

        // As reach check: the service is asked only on a port that answered, so a closed port keeps nmap's words. One
        // timeout for both, the service's share in whole milliseconds (a timeout message quotes it: "within 898ms").
        var left = TimeSpan.FromMilliseconds(Math.Floor((check.Timeout - clock.Elapsed).TotalMilliseconds));
        var timeout = left > MinServiceTime ? left : MinServiceTime;
        return check switch
        {
            { Http: { } http } => await AskHttpAsync(target, endPoint, http, check.Tls, timeout, startedAt, cancellationToken).ConfigureAwait(false),
            { Expect: { } expect } => ExpectJudge.Judge(
                await ExpectProbe.ProbeAsync(endPoint, new ExpectOptions(expect.Match) { Send = expect.Send, Timeout = timeout }, cancellationToken).ConfigureAwait(false),
                startedAt, address),
            { Tls: { } tls } => await ShakeHandsAsync(target, endPoint, tls, timeout, startedAt, cancellationToken).ConfigureAwait(false),
            _ => connected,
        };
    }

    private async Task<ProbeOutcome> ShakeHandsAsync(MonitoredTarget target, IPEndPoint endPoint, TlsSettings tls, TimeSpan timeout, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var options = new TlsProbeOptions
        {
            Timeout = timeout,
            ExtraTrust = tls.ExtraTrust,
            StartTls = tls.StartTls ?? StartTls.ForPort(endPoint.Port),
            Time = time,
        };
        var report = await TlsProbe.ProbeAsync(endPoint, target.Key.Host, options, cancellationToken).ConfigureAwait(false);
        return TlsJudge.Judge(report, tls, startedAt, endPoint.Address, report.Elapsed);
    }

    private async Task<ProbeOutcome> AskHttpAsync(
        MonitoredTarget target, IPEndPoint endPoint, HttpSettings http, TlsSettings? tls, TimeSpan timeout, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var url = target.Url ?? HttpCheck.UrlFor(target.Key.Host, endPoint.Port, http.Path);
        var options = new HttpProbeOptions
        {
            Timeout = timeout,
            Follow = http.Follow,
            BodyLimit = http.Body is null ? 0 : HttpSettings.BodyLimit,
            JudgeCertificate = true,
            ExtraTrust = tls?.ExtraTrust ?? [],
            Time = time,
        };
        var report = await HttpProbe.ProbeAsync(endPoint, url, null, options, cancellationToken).ConfigureAwait(false);
        return HttpJudge.Judge(report, http, tls, startedAt, endPoint.Address);
    }

    private async Task<ProbeOutcome> ConnectAsync(IPEndPoint endPoint, TimeSpan timeout, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var result = await tcp.ProbeAsync(endPoint, new TcpProbeOptions { Timeout = timeout }, cancellationToken).ConfigureAwait(false);
        var verdict = result.State switch
        {
            PortState.Open => ProbeVerdict.Success,
            PortState.Error => ProbeVerdict.Inconclusive,
            _ => ProbeVerdict.Failure,
        };
        var detail = result.State == PortState.Filtered && result.Reason == ProbeReason.NoResponse
            ? $"no answer within {ConfigDuration.Format(timeout)}"
            : result.Detail;
        return new ProbeOutcome(startedAt, verdict, State(result.State), result.Reason, result.RoundTrip, endPoint.Address, verdict == ProbeVerdict.Success ? null : detail);
    }

    private async Task<ProbeOutcome> PingAsync(IPAddress address, TimeSpan timeout, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var reply = await icmp.ProbeAsync(address, timeout, cancellationToken).ConfigureAwait(false);
        return reply.State switch
        {
            _ when reply.Succeeded => new ProbeOutcome(startedAt, ProbeVerdict.Success, ProbeState.Up, ProbeReason.EchoReply, reply.RoundTrip, address),
            PingState.NoReply => new ProbeOutcome(startedAt, ProbeVerdict.Failure, ProbeState.Down, reply.Reason ?? ProbeReason.NoResponse, null, address, reply.Detail ?? $"no echo reply within {ConfigDuration.Format(timeout)}"),
            PingState.Unreachable => new ProbeOutcome(startedAt, ProbeVerdict.Failure, ProbeState.Down, reply.Reason ?? ProbeReason.Unreachable, null, address, reply.Detail),
            _ => new ProbeOutcome(startedAt, ProbeVerdict.Inconclusive, ProbeState.Error, ProbeReason.LocalError, null, address, reply.Detail),
        };
    }

    /// <summary>A port's state as the watch's (the same word).</summary>
    internal static ProbeState State(PortState state) => state switch
    {
        PortState.Open => ProbeState.Open,
        PortState.Closed => ProbeState.Closed,
        PortState.Filtered => ProbeState.Filtered,
        _ => ProbeState.Error,
    };
}
