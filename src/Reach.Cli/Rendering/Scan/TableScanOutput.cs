using System.Globalization;
using System.Net;
using Reach.Identification;
using Reach.Probes;
using Reach.Resolution;
using Reach.Scanning;
using Reach.Services;
using Reach.Targets;
using Spectre.Console;

namespace Reach.Cli.Rendering.Scan;

/// <summary>
/// Human output: one colored line per port, by host then port (IPv4 before IPv6, addresses and ports numerically, as
/// nmap prints them), after the scan; then the hosts <c>--down</c> reports and a summary. Only the rows it prints are
/// held until then: the open ports, unless <c>--all</c>. <c>--list</c> targets are printed at once, in scan order.
/// </summary>
/// <param name="console">Colored lines (the writer underneath is <paramref name="plain"/>).</param>
/// <param name="plain">The same output for lines without color: <c>--list</c> prints millions of them, and Spectre's
/// per-line layout (cell widths, segments) cost 3.5 µs each.</param>
/// <param name="insecureTls"><c>--insecure</c>: a certificate's trust problems are not marked red.</param>
internal sealed class TableScanOutput(IAnsiConsole console, TextWriter plain, bool insecureTls = false) : IScanOutput
{
    private readonly List<(ScanPortResult Result, string? HostName, ServiceIdentification? Identification)> _rows = [];

    public void Target(IPAddress address, int port)
    {
        Span<char> line = stackalloc char[64]; // the longest IPv6 text with a scope id, brackets and port fits
        if (TargetSpec.TryFormatEndpoint(address, port, line, out var length))
        {
            plain.WriteLine(line[..length]);
        }
        else
        {
            plain.WriteLine(TargetSpec.FormatEndpoint(address.ToString(), port));
        }
    }

    public void Port(ScanPortResult result, string? hostName, ServiceIdentification? identification) => _rows.Add((result, hostName, identification));

    public void Unresolved(ResolutionResult resolution) =>
        console.MarkupLine($"[red]unresolved[/] {Markup.Escape(resolution.Host)}: {Markup.Escape(resolution.Error ?? string.Empty)}");

    public void Down(IEnumerable<ScanDownHost> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        WriteRows();
        foreach (var host in hosts)
        {
            var address = host.Address.ToString();
            var name = Markup.Escape(host.HostName is null ? address : $"{host.HostName} ({address})");
            if (!host.Answered)
            {
                console.MarkupLine($"[red]down[/]      {name}: did not answer at all ({Ports(host.Missing.Count)} missing)");
            }
            else
            {
                var count = string.Create(CultureInfo.InvariantCulture, $"{host.Missing.Count} of {Ports(host.PortsScanned)}");
                console.MarkupLine($"[yellow]missing[/]   {name}: {Markup.Escape(ScanPortGroups.Describe(host.Missing))} ({count} missing)");
            }
        }
    }

    public void Finish(ScanSummary? summary)
    {
        WriteRows();
        if (summary is null)
        {
            return;
        }

        var hosts = string.Create(CultureInfo.InvariantCulture,
            $"[bold]{summary.Hosts} host{(summary.Hosts == 1 ? string.Empty : "s")}[/] ({summary.HostsUp} up, {summary.HostsDown} down), {summary.PortsScanned} ports: [green]{summary.Open} open[/], {summary.Closed} closed, {summary.Filtered} filtered");
        var errors = summary.Errors > 0
            ? string.Create(CultureInfo.InvariantCulture, $", [red]{summary.Errors} not probed (local error on this host)[/]")
            : string.Empty;
        var unresolved = summary.Unresolved > 0 ? string.Create(CultureInfo.InvariantCulture, $", [red]{summary.Unresolved} unresolved[/]") : string.Empty;
        var timing = string.Create(CultureInfo.InvariantCulture, $" in {summary.Duration.TotalSeconds:0.00} s ({summary.Rate:0} probes/s)");
        console.MarkupLine(hosts + errors + unresolved + timing);
        if (summary.LocalRetries > 0)
        {
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"[grey]{summary.LocalRetries} probes were retried after local errors (file descriptors, ports or buffers ran out): raising 'ulimit -n' or lowering --max-inflight avoids that[/]"));
        }
    }

    private static string Ports(int count) => string.Create(CultureInfo.InvariantCulture, $"{count} port{(count == 1 ? string.Empty : "s")}");

    private void WriteRows()
    {
        _rows.Sort(static (x, y) => ScanRowOrder.Compare(x.Result.Target, y.Result.Target));
        foreach (var (result, hostName, identification) in _rows)
        {
            WriteRow(result, hostName, identification);
        }

        _rows.Clear();
        _rows.TrimExcess();
    }

    private void WriteRow(ScanPortResult result, string? hostName, ServiceIdentification? identification)
    {
        var color = result.State switch
        {
            PortState.Open => "green",
            PortState.Closed => "grey",
            PortState.Error => "red",
            _ => "yellow",
        };
        var address = result.Target.Address.ToString();
        var host = hostName is null ? address : $"{hostName} ({address})";
        var rtt = result.RoundTrip is { } r ? r.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) + " ms" : "-";
        var service = ScanServiceText.Name(result.Target.Port, identification);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{result.State.ToWord(),-9} {host,-30} {result.Target.Port,5}/tcp  {service,-16} {rtt,12}  {result.Reason.ToWord()}");
        if (identification is null)
        {
            console.MarkupLine($"[{color}]{Markup.Escape(line)}[/]");
            return;
        }

        // --service: what answered after the reason (server text arrives as one printable line; markup is escaped here),
        // and the TLS leaf on a line of its own.
        var detail = ScanServiceText.Detail(result.Target.Port, identification);
        console.MarkupLine($"[{color}]{Markup.Escape(line)}[/]  [{(ScanServiceText.Warns(identification) ? "yellow" : "default")}]{Markup.Escape(detail)}[/]");
        if (identification.Tls is { } tls)
        {
            console.MarkupLine($"{new string(' ', 10)}[{(ScanServiceText.TlsFails(tls, insecureTls) ? "red" : "default")}]{Markup.Escape(ScanServiceText.Tls(tls, insecureTls))}[/]");
        }
    }
}
