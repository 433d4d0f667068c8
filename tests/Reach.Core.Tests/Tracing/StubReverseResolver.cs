using System.Collections.Concurrent;
using System.Net;
using Reach.Resolution;

namespace Reach.Core.Tests.Tracing;

/// <summary>Reverse names from a table; records what was asked.</summary>
internal sealed class StubReverseResolver(Dictionary<IPAddress, string> names) : IReverseResolver
{
    public ConcurrentBag<IPAddress> Asked { get; } = [];

    public Task<string?> LookupAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Asked.Add(address);
        return Task.FromResult(names.TryGetValue(address, out var name) ? name : null);
    }
}
