using System.Globalization;
using System.Net;
using Reach.Probes;
using Reach.Resolution;
using Reach.Scanning;
using Reach.Services;

namespace Reach.Cli.Rendering.Scan;

/// <summary>
/// <c>--format csv</c>: a header, then one row per port as results arrive. One shape per file: with
/// <c>--down</c> the file is the down report instead, one row per host that misses a port
/// (<c>host,address,state,missing</c>), and port rows are not written.
/// </summary>
/// <param name="writer">Where the rows go.</param>
/// <param name="down">True with <c>--down</c>.</param>
internal sealed class CsvScanOutput(TextWriter writer, bool down) : IScanOutput
{
    private bool _header;

    public void Target(IPAddress address, int port)
    {
        Header("address,port");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{address},{port}"));
    }

    public void Port(ScanPortResult result, string? hostName)
    {
        if (down)
        {
            return; // every port that is not open is in the down report
        }

        Header("host,address,port,proto,state,reason,rtt_ms,service");
        var rtt = result.RoundTrip is { } r ? r.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) : string.Empty;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Quote(hostName ?? result.Target.Address.ToString())},{result.Target.Address},{result.Target.Port},tcp,{result.State.ToWord()},{result.Reason.ToWord()},{rtt},{ServiceCatalog.FindByPort(result.Target.Port)?.Name}"));
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
            writer.WriteLine($"{Quote(host.HostName ?? address)},{address},{(host.Answered ? "up" : "down")},{missing}");
        }
    }

    public void Finish(ScanSummary? summary) => writer.Flush();

    private static string Quote(string text) => text.Contains(',', StringComparison.Ordinal) ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;

    private void Header(string columns)
    {
        if (!_header)
        {
            writer.WriteLine(columns);
            _header = true;
        }
    }
}
