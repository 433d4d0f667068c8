using System.Globalization;
using System.Net;
using Reach.Identification;
using Reach.Scanning;
using Reach.Services;

namespace Reach.Output;

/// <summary>Maps scan results to their JSON records.</summary>
public static class ScanJsonMapper
{
    /// <param name="result">The port.</param>
    /// <param name="hostName">The name given for its host, if any.</param>
    /// <param name="identification">What answered it, with <c>--service</c>.</param>
    public static ScanPortJson ToJson(ScanPortResult result, string? hostName, ServiceIdentification? identification = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var address = result.Target.Address.ToString();
        return new ScanPortJson(
            "port",
            hostName ?? address,
            address,
            result.Target.Port,
            "tcp",
            result.State,
            result.Reason,
            result.RoundTrip is { } rtt ? Math.Round(rtt.TotalMilliseconds, 3, MidpointRounding.AwayFromZero) : null,
            ServiceCatalog.FindByPort(result.Target.Port)?.Name,
            identification is null ? null : ToJson(identification));
    }

    public static ScanDetectedJson ToJson(ServiceIdentification identification)
    {
        ArgumentNullException.ThrowIfNull(identification);
        var banner = identification.Banner;
        var tls = identification.Tls is { } report
            ? new ScanTlsJson(
                report.Protocol,
                report.Chain.Count > 0 ? report.Chain[0].Subject : null,
                report.Chain.Count > 0 ? report.Chain[0].Issuer : null,
                report.Chain.Count > 0 ? report.Chain[0].NotAfter.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : null,
                report.DaysLeft,
                report.Trusted,
                report.Problems,
                report.Error,
                report.StartTls)
            : null;
        return new ScanDetectedJson(identification.Protocol, banner.Text, banner.Probe, identification.Expected?.Protocol, identification.Mismatch, banner.Error, tls);
    }

    public static ScanHostJson ToJson(ScanDownHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var address = host.Address.ToString();
        return new ScanHostJson("host", host.HostName ?? address, address, host.Answered ? "up" : "down", [.. host.Missing.Select(p => p.Port)]);
    }

    public static ScanTargetJson ToJson(IPAddress address, int port) => new("target", address.ToString(), port);

    public static ScanSummaryJson ToJson(ScanSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        return new ScanSummaryJson(
            "summary",
            summary.Hosts,
            summary.HostsUp,
            summary.HostsDown,
            summary.PortsScanned,
            summary.Open,
            summary.Closed,
            summary.Filtered,
            summary.Errors,
            summary.LocalRetries,
            summary.Unresolved,
            Math.Round(summary.Duration.TotalMilliseconds, 3),
            Math.Round(summary.Rate, 1));
    }
}
