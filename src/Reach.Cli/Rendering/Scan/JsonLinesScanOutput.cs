using System.Net;
using System.Text.Json;
using Reach.Identification;
using Reach.Output;
using Reach.Resolution;
using Reach.Scanning;

namespace Reach.Cli.Rendering.Scan;

/// <summary><c>--format jsonl</c>: one JSON object per line, written as results arrive (docs/scan-json.md).</summary>
internal sealed class JsonLinesScanOutput(TextWriter writer) : IScanOutput
{
    public void Target(IPAddress address, int port) =>
        writer.WriteLine(JsonSerializer.Serialize(ScanJsonMapper.ToJson(address, port), ReachJsonContext.Compact.ScanTargetJson));

    public void Port(ScanPortResult result, string? hostName, ServiceIdentification? identification) =>
        writer.WriteLine(JsonSerializer.Serialize(ScanJsonMapper.ToJson(result, hostName, identification), ReachJsonContext.Compact.ScanPortJson));

    public void Unresolved(ResolutionResult resolution) =>
        writer.WriteLine(JsonSerializer.Serialize(new ScanUnresolvedJson("unresolved", resolution.Host, resolution.Error), ReachJsonContext.Compact.ScanUnresolvedJson));

    public void Down(IEnumerable<ScanDownHost> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        foreach (var host in hosts)
        {
            writer.WriteLine(JsonSerializer.Serialize(ScanJsonMapper.ToJson(host), ReachJsonContext.Compact.ScanHostJson));
        }
    }

    public void Finish(ScanSummary? summary)
    {
        if (summary is not null)
        {
            writer.WriteLine(JsonSerializer.Serialize(ScanJsonMapper.ToJson(summary), ReachJsonContext.Compact.ScanSummaryJson));
        }

        writer.Flush();
    }
}
