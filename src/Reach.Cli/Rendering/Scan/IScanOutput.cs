using System.Net;
using Reach.Resolution;
using Reach.Scanning;

namespace Reach.Cli.Rendering.Scan;

/// <summary>One output format of <c>reach scan</c>. Calls arrive from one thread at a time.</summary>
internal interface IScanOutput
{
    /// <summary>A target of <c>--list</c> (nothing is sent).</summary>
    void Target(IPAddress address, int port);

    /// <summary>A port result worth showing (open ones; every one with <c>--all</c>).</summary>
    void Port(ScanPortResult result, string? hostName);

    void Unresolved(ResolutionResult resolution);

    /// <summary>With <c>--down</c>: the hosts where none of the given ports answered.</summary>
    void Down(IReadOnlyList<IPAddress> hosts);

    void Finish(ScanSummary? summary);
}
