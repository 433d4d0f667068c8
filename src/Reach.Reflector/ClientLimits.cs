using System.Net;
using System.Threading.RateLimiting;

namespace Reach.Reflector;

/// <summary>
/// Per client address: requests per minute and ports probed per minute (fixed one-minute windows, no queueing: a
/// caller over its budget is told when to come back). Partitions of idle clients are dropped by the limiter itself.
/// </summary>
public sealed class ClientLimits : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<IPAddress> requests;
    private readonly PartitionedRateLimiter<IPAddress> ports;

    public ClientLimits(int requestsPerMinute, int portsPerMinute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerMinute, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(portsPerMinute, 1);
        requests = PartitionedRateLimiter.Create<IPAddress, IPAddress>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => Options(requestsPerMinute)));
        ports = PartitionedRateLimiter.Create<IPAddress, IPAddress>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => Options(portsPerMinute)));
    }

    /// <summary>Takes one request from the client's budget; null when allowed, else how long to wait.</summary>
    public TimeSpan? TakeRequest(IPAddress client) => Take(requests, client, 1);

    /// <summary>Takes <paramref name="count"/> ports from the client's budget; null when allowed, else how long to wait.</summary>
    public TimeSpan? TakePorts(IPAddress client, int count) => Take(ports, client, count);

    public void Dispose()
    {
        requests.Dispose();
        ports.Dispose();
    }

    private static TimeSpan? Take(PartitionedRateLimiter<IPAddress> limiter, IPAddress client, int count)
    {
        using var lease = limiter.AttemptAcquire(client, count);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
    }

    private static FixedWindowRateLimiterOptions Options(int permits) => new()
    {
        PermitLimit = permits,
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
