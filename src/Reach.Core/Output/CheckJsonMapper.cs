using System.Globalization;
using System.Net;
using Reach.Checking;
using Reach.Identification;
using Reach.Pinging;
using Reach.Routing;
using Reach.Tls;

namespace Reach.Output;

/// <summary>Maps check reports to their JSON shapes.</summary>
public static class CheckJsonMapper
{
    public static CheckRunJson ToJson(CheckRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var s = run.Summary;
        return new CheckRunJson(
            run.Reports.Select(ToJson).ToArray(),
            run.AllReachable,
            new SummaryJson(s.Total, s.Reachable, s.Open, s.Closed, s.Filtered, s.Unresolved, s.Error, s.TlsFailed, s.WrongService, s.HttpFailed),
            Round(run.Duration));
    }

    public static TargetJson ToJson(TargetReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var primary = report.Primary;
        return new TargetJson(
            report.Target.Display,
            report.Target.Host,
            report.Target.Port?.Number,
            report.Target.Port?.ServiceName,
            report.Resolution.Addresses.Select(a => a.ToString()).ToArray(),
            new ResolutionJson(report.Resolution.Status, report.Resolution.Error),
            primary is null ? new PingJson(PingStatus.Skipped, null, null, null) : ToJson(primary.Ping),
            report.Checks.Select(c => ToJson(c, report.Target.Port?.Number)).ToArray(),
            report.Status,
            report.Reachable,
            report.Explanation,
            report.ReverseNames.Count == 0 ? null : report.ReverseNames.Select(r => new ReverseNameJson(r.Address.ToString(), r.Name)).ToArray());
    }

    private static ResultJson ToJson(AddressCheck check, int? port)
    {
        var probe = check.Probe;
        var address = probe?.Remote.Address ?? check.Ping.Address ?? IPAddress.None;
        return new ResultJson(
            address.ToString(),
            port,
            probe?.State,
            probe?.Reason,
            probe?.RoundTrip is { } rtt ? Round(rtt) : null,
            probe?.Source is { } source ? (source.Port == 0 ? source.Address.ToString() : source.ToString()) : null,
            probe?.Reporter?.ToString(),
            check.Explanation,
            probe?.Detail,
            ToJson(check.Ping),
            check.Route is null ? null : ToJson(check.Route),
            check.Banner is { } banner
                ? new BannerJson(banner.Protocol, banner.Text, banner.Bytes, banner.Complete, banner.Probe, banner.Closed, banner.Error, ExpectedService.ForPort(check.Probe!.Remote.Port)?.Protocol)
                : null,
            check.Tls is { } tls ? ToJson(tls, check.TlsExpiresSoon) : null,
            check.Http is { } http ? ToJson(http) : null);
    }

    private static HttpJson ToJson(Http.HttpReport http) => new(
        http.Url.AbsoluteUri,
        http.StatusCode,
        http.Reason,
        http.Version,
        http.Location,
        http.Server,
        http.BodyBytes,
        new HttpTimingJson(Ms(http.Timing.Dns), Ms(http.Timing.Connect), Ms(http.Timing.Tls), Ms(http.Timing.FirstByte), Round(http.Timing.Total)),
        [.. http.Redirects.Select(r => new HttpRedirectJson(r.Url.AbsoluteUri, r.StatusCode, r.Location))],
        http.Error);

    private static double? Ms(TimeSpan? value) => value is { } v ? Round(v) : null;

    private static TlsJson ToJson(TlsReport tls, bool expiresSoon) => new(
        tls.ServerName,
        tls.Protocol,
        tls.CipherSuite,
        tls.Alpn,
        tls.Trusted,
        tls.Problems,
        tls.DaysLeft,
        expiresSoon,
        tls.Error,
        Round(tls.Elapsed),
        [.. tls.Chain.Select(c => new CertificateJson(
            c.Subject, c.Names, c.NameCount, c.Issuer,
            c.NotBefore.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            c.NotAfter.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            c.KeyType, c.KeyBits, c.SignatureAlgorithm, c.Sha256))],
        tls.StartTls);

    private static PingJson ToJson(PingOutcome ping) =>
        new(ping.Status, ping.Address?.ToString(), ping.RoundTrip is { } rtt ? Round(rtt) : null, ping.Message);

    private static RouteJson ToJson(RouteInfo route) =>
        new(route.Source?.ToString(), route.InterfaceName, route.NextHop?.ToString(), route.OnLink, route.Error);

    /// <summary>Milliseconds with microsecond precision.</summary>
    private static double Round(TimeSpan value) => Math.Round(value.TotalMilliseconds, 3, MidpointRounding.AwayFromZero);
}
