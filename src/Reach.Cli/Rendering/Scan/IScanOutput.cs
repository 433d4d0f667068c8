using System.Net;
using Reach.Identification;
using Reach.Resolution;
using Reach.Scanning;

namespace Reach.Cli.Rendering.Scan;

/// <summary>One output format of <c>reach scan</c>. Calls arrive from one thread at a time.</summary>
internal interface IScanOutput
{
    /// <summary>A target of <c>--list</c> (nothing is sent).</summary>
    void Target(IPAddress address, int port);

    /// <summary>A port result worth showing (open ones; every one with <c>--all</c>).</summary>
    /// <param name="result">The port's verdict.</param>
    /// <param name="hostName">The name given for its host, if any.</param>
    /// <param name="identification">What answered it, with <c>--service</c> on an open port; otherwise null.</param>
    void Port(ScanPortResult result, string? hostName, ServiceIdentification? identification);

    void Unresolved(ResolutionResult resolution);

    /// <summary>
    /// With <c>--down</c>, after the scan: every host that misses a given port (not open), in host order, computed
    /// while it is enumerated (enumerate it once).
    /// </summary>
    void Down(IEnumerable<ScanDownHost> hosts);

    void Finish(ScanSummary? summary);
}
