using System.Net;

namespace Reach.Resolution;

/// <summary>Every address a name resolved to (A and AAAA, in the resolver's order), or why it did not resolve.</summary>
public sealed record ResolutionResult(string Host, ResolutionStatus Status, IReadOnlyList<IPAddress> Addresses, string? Error = null)
{
    public static ResolutionResult Failed(string host, string error) => new(host, ResolutionStatus.Unresolved, [], error);
}
