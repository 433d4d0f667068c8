using System.Net;
using Reach.Resolution;

namespace Reach.Core.Tests.TestSupport;

/// <summary>Answers names from a table, so runner tests never touch DNS.</summary>
internal sealed class StubResolver(Dictionary<string, IPAddress[]> names) : IHostResolver
{
    public Task<ResolutionResult> ResolveAsync(string host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return Task.FromResult(new ResolutionResult(host, ResolutionStatus.Literal, [literal]));
        }

        return Task.FromResult(names.TryGetValue(host, out var addresses)
            ? new ResolutionResult(host, ResolutionStatus.Resolved, addresses)
            : ResolutionResult.Failed(host, "Name or service not known"));
    }
}
