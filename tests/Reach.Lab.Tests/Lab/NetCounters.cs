using System.Globalization;

namespace Reach.Lab.Tests.Lab;

/// <summary>
/// A namespace's network counters, nstat-style names (<c>TcpActiveOpens</c>, <c>TcpExtListenOverflows</c>,
/// <c>Ip6OutRequests</c>), read from /proc/net/snmp, /proc/net/netstat and /proc/net/snmp6 by a process inside it.
/// </summary>
public sealed class NetCounters
{
    private static readonly char[] FieldSeparators = [' ', '\t'];

    private readonly Dictionary<string, long> _values;

    private NetCounters(Dictionary<string, long> values) => _values = values;

    /// <summary>Counters that move when a process in the client sends anything a scanner could send.</summary>
    public static IReadOnlyList<string> ClientSends { get; } =
    [
        "TcpActiveOpens", "TcpOutSegs", "TcpOutRsts", "UdpOutDatagrams", "Udp6OutDatagrams", "IcmpOutEchos", "Icmp6OutEchos",
        "IpOutRequests",
    ];

    /// <summary>Counters that move when anything arrives at the scan target over TCP or IPv4.</summary>
    public static IReadOnlyList<string> TargetReceives { get; } = ["TcpInSegs", "IpInReceives", "IcmpInMsgs"];

    /// <summary>The target dropped a SYN or a handshake because a listener's queue was full.</summary>
    public static IReadOnlyList<string> ListenQueueDrops { get; } = ["TcpExtListenOverflows", "TcpExtListenDrops"];

    public long this[string name] => _values.TryGetValue(name, out var value) ? value : 0;

    /// <summary>Reads the counters inside <paramref name="namespaceName"/> (via <c>ip netns exec NS cat …</c>).</summary>
    public static async Task<NetCounters> ReadAsync(LabFixture lab, string namespaceName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lab);
        var result = await CommandRunner.RunAsync(
            lab.IpPath,
            ["netns", "exec", namespaceName, "cat", "/proc/net/snmp", "/proc/net/netstat", "/proc/net/snmp6"],
            TimeSpan.FromSeconds(10),
            cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Cannot read the counters of {namespaceName}.\n{result.Describe()}");
        }

        return Parse(result.StdOut);
    }

    /// <summary>
    /// Packets the kernel dropped, on all CPUs, because a CPU's input backlog (net.core.netdev_max_backlog, a host-wide
    /// setting the lab does not touch) was full: /proc/net/softnet_stat, second column. Host-wide, read-only. A burst of
    /// raw packets into a veth can overflow it; the kernel's own connect() path paces itself and normally does not.
    /// </summary>
    public static long ReadSoftnetDrops() =>
        File.ReadAllLines("/proc/net/softnet_stat")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 1)
            .Sum(fields => long.Parse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    /// <summary>
    /// Parses "Tcp: Name1 Name2" / "Tcp: 1 2" line pairs and "Ip6InReceives 5" lines (snmp6 pads its names with
    /// spaces and a tab: both separate fields).
    /// </summary>
    public static NetCounters Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, long>(StringComparer.Ordinal);
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries);
            if (fields[0].EndsWith(':'))
            {
                if (i + 1 >= lines.Length)
                {
                    break;
                }

                var numbers = lines[i + 1].Split(FieldSeparators, StringSplitOptions.RemoveEmptyEntries);
                if (numbers.Length == fields.Length && numbers[0] == fields[0] && numbers.Skip(1).All(IsNumber))
                {
                    var prefix = fields[0].TrimEnd(':');
                    for (var f = 1; f < fields.Length; f++)
                    {
                        values[prefix + fields[f]] = long.Parse(numbers[f], CultureInfo.InvariantCulture);
                    }

                    i++;
                }
            }
            else if (fields.Length == 2 && IsNumber(fields[1]))
            {
                values[fields[0]] = long.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        return new NetCounters(values);
    }

    /// <summary>The counters among <paramref name="names"/> that differ between two readings, as "Name +N".</summary>
    public static IReadOnlyList<string> Changed(NetCounters before, NetCounters after, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return [.. names
            .Where(name => after[name] != before[name])
            .Select(name => $"{name} +{(after[name] - before[name]).ToString(CultureInfo.InvariantCulture)}")];
    }

    private static bool IsNumber(string text) => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
}
