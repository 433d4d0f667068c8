using System.Globalization;
using System.Net;
using Reach.Identification;
using Reach.Probes;
using Reach.Resolution;
using Reach.Scanning;
using Reach.Services;

namespace Reach.Cli.Rendering.Scan;

/// <summary>
/// <c>--format csv</c>: a header, then one row per port as results arrive; the host name and what the server said are
/// written through <see cref="CsvCell.Text"/> (no cell a spreadsheet runs as a formula). One shape per file: with
/// <c>--down</c> the file is the down report instead, one row per host that misses a port
/// (<c>host,address,state,missing</c>), and port rows are not written.
/// </summary>
/// <param name="writer">Where the rows go.</param>
/// <param name="down">True with <c>--down</c>.</param>
/// <param name="service">True with <c>--service</c>: the port rows have the identification's columns too.</param>
internal sealed class CsvScanOutput(TextWriter writer, bool down, bool service = false) : IScanOutput
{
    private const string PortColumns = "host,address,port,proto,state,reason,rtt_ms,service";

    /// <summary>With <c>--service</c>: what answered, the port's promise, and the TLS leaf in brief (empty where none).</summary>
    private const string ServiceColumns = ",detected,expected,mismatch,banner,error,tls_protocol,tls_subject,tls_not_after,tls_days_left,tls_problems";

    private bool _header;

    public void Target(IPAddress address, int port)
    {
        Header("address,port");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{address},{port}"));
    }

    public void Port(ScanPortResult result, string? hostName, ServiceIdentification? identification)
    {
        if (down)
        {
            return; // every port that is not open is in the down report
        }

        Header(service ? PortColumns + ServiceColumns : PortColumns);
        var rtt = result.RoundTrip is { } r ? r.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) : string.Empty;
        writer.Write(string.Create(CultureInfo.InvariantCulture,
            $"{CsvCell.Text(hostName ?? result.Target.Address.ToString())},{result.Target.Address},{result.Target.Port},tcp,{result.State.ToWord()},{result.Reason.ToWord()},{rtt},{ServiceCatalog.FindByPort(result.Target.Port)?.Name}"));
        if (service)
        {
            writer.Write(ServiceFields(identification));
        }

        writer.WriteLine();
    }

    /// <summary>The identification's columns; all empty for a port that was not identified (closed or filtered, with <c>--all</c>).</summary>
    private static string ServiceFields(ServiceIdentification? identification)
    {
        if (identification is null)
        {
            return new string(',', ServiceColumns.Count(c => c == ','));
        }

        var banner = identification.Banner;
        var tls = identification.Tls;
        var leaf = tls?.Chain.Count > 0 ? tls.Chain[0] : null;
        string[] fields =
        [
            identification.Protocol?.ToWord() ?? string.Empty,
            identification.Expected?.Protocol.ToWord() ?? string.Empty,
            identification.Mismatch ? "true" : "false",
            CsvCell.Text(banner.Text),
            CsvCell.Text(banner.Error ?? tls?.Error),
            tls?.Protocol ?? string.Empty,
            CsvCell.Text(leaf?.Subject),
            leaf?.NotAfter.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? string.Empty,
            tls?.DaysLeft?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
            tls is null ? string.Empty : ScanServiceText.Problems(tls, " "),
        ];
        return "," + string.Join(',', fields);
    }

    public void Unresolved(ResolutionResult resolution)
    {
        // CSV has one shape per file: unresolved names go to stderr through the caller's summary.
    }

    public void Down(IEnumerable<ScanDownHost> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        Header("host,address,state,missing");
        foreach (var host in hosts)
        {
            var address = host.Address.ToString();
            var missing = string.Join(' ', host.Missing.Select(p => p.Port.ToString(CultureInfo.InvariantCulture)));
            writer.WriteLine($"{CsvCell.Text(host.HostName ?? address)},{address},{(host.Answered ? "up" : "down")},{missing}");
        }
    }

    public void Finish(ScanSummary? summary) => writer.Flush();

    private void Header(string columns)
    {
        if (!_header)
        {
            writer.WriteLine(columns);
            _header = true;
        }
    }
}
