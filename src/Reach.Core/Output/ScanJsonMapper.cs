using System.Net;
using Reach.Scanning;
using Reach.Services;

namespace Reach.Output;

/// <summary>Maps scan results to their JSON records.</summary>
public static class ScanJsonMapper
{
    public static ScanPortJson ToJson(ScanPortResult result, string? hostName)
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
            ServiceCatalog.FindByPort(result.Target.Port)?.Name);
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
