using System.Net.Sockets;
using Reach.Monitoring.Config;
using Reach.Scanning;

namespace Reach.Monitoring.Expansion;

/// <summary>
/// Turns checks into the (check, host, port) targets to probe. A network (<c>10.0.0.0/24</c>) is every address in
/// it except, for IPv4 prefixes up to /30, the network and broadcast addresses (never a host, always DOWN). A name
/// stays one target whatever it resolves to, so that DNS changes do not reset its state or history.
/// </summary>
internal static class TargetExpander
{
    public static IReadOnlyList<MonitoredTarget> Expand(WatchConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return [.. config.Checks.SelectMany(Expand)];
    }

    public static IEnumerable<MonitoredTarget> Expand(CheckDefinition check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var seen = new HashSet<TargetKey>();
        foreach (var entry in check.Targets)
        {
            var ports = Ports(check, entry);
            if (entry.Host.HostName is { } name)
            {
                foreach (var port in ports)
                {
                    var key = new TargetKey(check.Name, name.ToLowerInvariant(), port);
                    if (seen.Add(key))
                    {
                        yield return new MonitoredTarget(key, check, null, entry.Url);
                    }
                }

                continue;
            }

            foreach (var range in entry.Host.Ranges)
            {
                var (first, last) = HostBounds(entry.Text, range);
                for (var value = first; value <= last; value++)
                {
                    var address = new AddressRange(range.Family, value, value).FirstAddress;
                    foreach (var port in ports)
                    {
                        var key = new TargetKey(check.Name, address.ToString(), port);
                        if (seen.Add(key))
                        {
                            yield return new MonitoredTarget(key, check, address, entry.Url);
                        }
                    }

                    if (value == UInt128.MaxValue)
                    {
                        break;
                    }
                }
            }
        }
    }

    /// <summary>How many targets a check expands to (before duplicates are removed), without listing them.</summary>
    public static long Count(CheckDefinition check)
    {
        ArgumentNullException.ThrowIfNull(check);
        UInt128 total = 0;
        foreach (var entry in check.Targets)
        {
            UInt128 addresses = 1;
            if (!entry.Host.IsHostName)
            {
                addresses = 0;
                foreach (var range in entry.Host.Ranges)
                {
                    var (first, last) = HostBounds(entry.Text, range);
                    addresses += last >= first ? last - first + 1 : 0;
                }
            }

            total += addresses * (UInt128)Ports(check, entry).Length;
            if (total > long.MaxValue)
            {
                return long.MaxValue;
            }
        }

        return (long)total;
    }

    private static int[] Ports(CheckDefinition check, TargetEntry entry) =>
        check.Type == CheckType.Icmp ? [0] : entry.Port is { } own ? [own] : [.. check.Ports];

    private static (UInt128 First, UInt128 Last) HostBounds(string text, AddressRange range)
    {
        var slash = text.LastIndexOf('/');
        if (range.Family == AddressFamily.InterNetwork && slash >= 0
            && int.TryParse(text.AsSpan(slash + 1), System.Globalization.CultureInfo.InvariantCulture, out var prefix) && prefix <= 30)
        {
            return (range.First + 1, range.Last - 1);
        }

        return (range.First, range.Last);
    }
}
