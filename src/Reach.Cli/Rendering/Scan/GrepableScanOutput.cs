using System.Net;
using Reach.Identification;
using Reach.Probes;
using Reach.Resolution;
using Reach.Scanning;
using Reach.Services;

namespace Reach.Cli.Rendering.Scan;

/// <summary>
/// <c>--format grepable</c>: nmap's -oG shape, one line per host:
/// <c>Host: 10.0.0.5 (web01)	Ports: 22/open/tcp//ssh///, 80/closed/tcp//http///</c>. With <c>--down</c>, a line per
/// host that misses a port: <c>Host: 10.0.0.5 (dc01)	Status: Up	Missing: 636/closed/tcp//ldaps///</c>
/// (<c>Status: Down</c> when nothing answered).
/// </summary>
/// <param name="writer">Where the lines go.</param>
/// <param name="insecureTls"><c>--insecure</c>: a certificate's trust problems are said to be allowed.</param>
internal sealed class GrepableScanOutput(TextWriter writer, bool insecureTls = false) : IScanOutput
{
    private readonly SortedDictionary<string, (string? Name, List<(ScanPortResult Result, ServiceIdentification? Identification)> Ports)> _hosts = new(StringComparer.Ordinal);

    public void Target(IPAddress address, int port) => writer.WriteLine($"Host: {address}\tPorts: {port}/unknown/tcp//{ServiceCatalog.FindByPort(port)?.Name}///");

    public void Port(ScanPortResult result, string? hostName, ServiceIdentification? identification)
    {
        var key = result.Target.Address.ToString();
        if (!_hosts.TryGetValue(key, out var host))
        {
            host = (hostName, []);
            _hosts.Add(key, host);
        }

        host.Ports.Add((result, identification));
    }

    public void Unresolved(ResolutionResult resolution) => writer.WriteLine($"# unresolved: {resolution.Host}: {resolution.Error}");

    public void Down(IEnumerable<ScanDownHost> hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        foreach (var host in hosts)
        {
            var missing = string.Join(", ", host.Missing.Select(p => $"{p.Port}/{p.State.ToWord()}/tcp//{ServiceCatalog.FindByPort(p.Port)?.Name}///"));
            writer.WriteLine($"Host: {host.Address} ({host.HostName})\tStatus: {(host.Answered ? "Up" : "Down")}\tMissing: {missing}");
        }
    }

    /// <summary>With <c>--service</c>, nmap's version field: what answered, then the TLS leaf in brief.</summary>
    private string Version(int port, ServiceIdentification? identification)
    {
        if (identification is null)
        {
            return string.Empty;
        }

        var detail = ScanServiceText.Detail(port, identification);
        return Field(identification.Tls is { } tls ? $"{detail} | {ScanServiceText.Tls(tls, insecureTls)}" : detail);
    }

    /// <summary>Server text inside a field: '/' ends a field and ", " a port, so they become '|' and ';' (nmap writes '|' for '/' too).</summary>
    private static string Field(string text) => text.Replace('/', '|').Replace(',', ';');

    public void Finish(ScanSummary? summary)
    {
        foreach (var (address, host) in _hosts)
        {
            var ports = string.Join(", ", host.Ports.OrderBy(p => p.Result.Target.Port)
                .Select(p => $"{p.Result.Target.Port}/{p.Result.State.ToWord()}/tcp//{Field(ScanServiceText.Name(p.Result.Target.Port, p.Identification))}//{Version(p.Result.Target.Port, p.Identification)}/"));
            writer.WriteLine($"Host: {address} ({host.Name})\tPorts: {ports}");
        }

        if (summary is not null)
        {
            writer.WriteLine($"# reach scan done: {summary.Hosts} hosts ({summary.HostsUp} up) scanned in {summary.Duration.TotalSeconds:0.00} seconds");
        }

        writer.Flush();
    }
}
