using System.Globalization;
using System.Net;
using Reach.Probes;
using Reach.Resolution;
using Reach.Scanning;
using Reach.Services;

namespace Reach.Cli.Rendering.Scan;

/// <summary><c>--format csv</c>: a header, then one row per port as results arrive.</summary>
internal sealed class CsvScanOutput(TextWriter writer) : IScanOutput
{
    private bool _header;

    public void Target(IPAddress address, int port)
    {
        Header("address,port");
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{address},{port}"));
    }

    public void Port(ScanPortResult result, string? hostName)
    {
        Header("host,address,port,proto,state,reason,rtt_ms,service");
        var rtt = result.RoundTrip is { } r ? r.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) : string.Empty;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Quote(hostName ?? result.Target.Address.ToString())},{result.Target.Address},{result.Target.Port},tcp,{result.State.ToWord()},{result.Reason.ToWord()},{rtt},{ServiceCatalog.FindByPort(result.Target.Port)?.Name}"));
    }

    public void Unresolved(ResolutionResult resolution)
    {
        // CSV has one shape per file: unresolved names go to stderr through the caller's summary.
    }

    public void Down(IReadOnlyList<IPAddress> hosts)
    {
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
