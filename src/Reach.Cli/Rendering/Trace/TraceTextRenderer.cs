using System.Globalization;
using System.Net;
using System.Text;
using Reach.Probes;
using Reach.Targets;
using Reach.Tracing;

namespace Reach.Cli.Rendering.Trace;

/// <summary>
/// Prints a trace as traceroute does, one line per hop as soon as the hop is complete, then the verdict:
/// <code>
///  1  router1.lab (10.0.1.2)  0.081 ms  0.052 ms  0.049 ms
///  2  10.0.2.2  0.101 ms  *  0.090 ms
/// Verdict  port 443 is filtered after hop 2 (10.0.2.2): nothing answered beyond it
/// </code>
/// </summary>
internal sealed class TraceTextRenderer(TextWriter output, TargetSpec target, TraceOptions options) : ITraceObserver
{
    public void Started(IPAddress address, TraceMode mode)
    {
        var host = target.Host == address.ToString() ? address.ToString() : $"{target.Host} ({address})";
        var what = target.Port is { } port
            ? $"TCP port {port.Number.ToString(CultureInfo.InvariantCulture)}{(port.ServiceName is null ? string.Empty : $" ({port.ServiceName})")}"
            : "ICMP echo";
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trace to {host}, {what}, {options.MaxHops} hops max, {options.Queries} probes per hop, timeout {options.Timeout.TotalSeconds:0.###} s"));
        output.Flush();
    }

    public void HopCompleted(TraceHop hop)
    {
        output.WriteLine(FormatHop(hop));
        output.Flush();
    }

    public void Finish(TraceResult result) => output.WriteLine($"Verdict  {result.Verdict.Explanation}");

    internal static string FormatHop(TraceHop hop)
    {
        var line = new StringBuilder();
        line.Append(hop.Ttl.ToString(CultureInfo.InvariantCulture).PadLeft(2));
        IPAddress? shown = null;
        foreach (var probe in hop.Probes)
        {
            if (probe.From is { } from && !from.Equals(shown))
            {
                // Like traceroute: the address again only when it changes within the hop (load-balanced paths).
                line.Append("  ").Append(hop.Names.TryGetValue(from, out var name) ? $"{name} ({from})" : from.ToString());
                shown = from;
            }

            line.Append("  ").Append(probe.RoundTrip is { } rtt ? string.Create(CultureInfo.InvariantCulture, $"{rtt.TotalMilliseconds:0.000} ms") : "*");
            if (Mark(probe) is { } mark)
            {
                line.Append(' ').Append(mark);
            }
        }

        return line.ToString();
    }

    /// <summary>traceroute's marks for answers that end the path (!H, !N, !X, !P), and tcptraceroute's [open] / [closed].</summary>
    private static string? Mark(HopProbeResult probe) => probe.Answer switch
    {
        HopAnswer.SynAck => "[open]",
        HopAnswer.Reset => "[closed]",
        HopAnswer.Unreachable => probe.Reason switch
        {
            ProbeReason.NetUnreach => "!N",
            ProbeReason.AdminProhibited => "!X",
            ProbeReason.PortUnreach => "!P",
            _ => "!H",
        },
        HopAnswer.LocalError => $"({probe.Detail})",
        _ => null,
    };
}
