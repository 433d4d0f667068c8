using Reach.Resolution;

namespace Reach.Monitoring.Probing;

/// <summary>
/// Resolves host names at most once per <c>maxAge</c> (the check's interval), shared by every port of a name, so a
/// name on 11 ports of the ad-dc profile costs one lookup per round, and a changed DNS record is seen within one.
/// </summary>
internal sealed class NameCache(IHostResolver resolver, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (Task<ResolutionResult> Lookup, DateTimeOffset Expires)> entries = new(StringComparer.OrdinalIgnoreCase);

    public Task<ResolutionResult> ResolveAsync(string host, TimeSpan maxAge, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (entries.TryGetValue(host, out var entry) && entry.Expires > now)
            {
                return entry.Lookup;
            }

            // One lookup in flight per name: the other ports of that name wait for the same answer.
            var lookup = resolver.ResolveAsync(host, timeout, cancellationToken);
            entries[host] = (lookup, now + maxAge);
            return lookup;
        }
    }
}
