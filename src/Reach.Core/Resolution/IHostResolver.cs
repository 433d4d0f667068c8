namespace Reach.Resolution;

/// <summary>Name resolution, behind an interface so tests can answer without DNS.</summary>
public interface IHostResolver
{
    Task<ResolutionResult> ResolveAsync(string host, TimeSpan timeout, CancellationToken cancellationToken);
}
