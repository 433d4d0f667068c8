using System.Net;

namespace Reach.Resolution;

/// <summary>Reverse (PTR) lookups, behind an interface so tests can answer without DNS.</summary>
public interface IReverseResolver
{
    /// <summary>The name of <paramref name="address"/>, or null when it has none or the lookup took longer than <paramref name="timeout"/>.</summary>
    Task<string?> LookupAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken);
}
