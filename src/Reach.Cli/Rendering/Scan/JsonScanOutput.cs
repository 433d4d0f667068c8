using System.Net;
using System.Text.Json;
using Reach.Identification;
using Reach.Output;
using Reach.Resolution;
using Reach.Scanning;

namespace Reach.Cli.Rendering.Scan;

/// <summary>
/// <c>--format json</c>: one document at the end, ports in host then port order as the table prints them (<c>--list</c>:
/// one JSON Lines record per target).
/// </summary>
internal sealed class JsonScanOutput(TextWriter writer) : IScanOutput
{
    private readonly List<((long Host, int Port) Key, ScanPortJson Json)> _ports = [];
    private readonly List<ScanUnresolvedJson> _unresolved = [];
    private readonly JsonLinesScanOutput _list = new(writer);
    private List<string>? _down;
    private List<ScanHostJson>? _downHosts;

    public void Target(IPAddress address, int port) => _list.Target(address, port);

    public void Port(ScanPortResult result, string? hostName, ServiceIdentification? identification) =>
        _ports.Add((ScanRowOrder.Key(result.Target), ScanJsonMapper.ToJson(result, hostName, identification)));

    public void Unresolved(ResolutionResult resolution) => _unresolved.Add(new ScanUnresolvedJson("unresolved", resolution.Host, resolution.Error));

    public void Down(IEnumerable<ScanDownHost> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        _down = [];
        _downHosts = [];
        foreach (var host in hosts)
        {
            _downHosts.Add(ScanJsonMapper.ToJson(host));
            if (!host.Answered)
            {
                _down.Add(host.Address.ToString());
            }
        }
    }

    public void Finish(ScanSummary? summary)
    {
        if (summary is not null)
        {
            _ports.Sort(static (x, y) => x.Key.CompareTo(y.Key));
            var document = new ScanDocumentJson(
                [.. _ports.Select(p => p.Json)],
                _unresolved,
                _down,
                _downHosts,
                ScanJsonMapper.ToJson(summary));
            writer.WriteLine(JsonSerializer.Serialize(document, ReachJsonContext.Default.ScanDocumentJson));
        }

        writer.Flush();
    }
}
