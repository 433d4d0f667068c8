using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;

namespace Reach.Reflector;

/// <summary>
/// Per client: requests per minute and ports probed per minute (fixed one-minute windows, no queueing: a caller over
/// its budget is told when to come back). A client is an IPv4 address, or an IPv6 prefix (a /64 by default): one host
/// gets a whole /64 and can rotate through it at will, so counting single IPv6 addresses would multiply its budget.
/// IPv6 forms that carry an IPv4 address (NAT64, 6to4, Teredo) count as that IPv4 address. Partitions of idle clients
/// are dropped by the limiter itself.
/// </summary>
internal sealed class ClientLimits : IDisposable
{
    public const int DefaultIPv6Prefix = 64;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly PartitionedRateLimiter<IPNetwork> requests;
    private readonly PartitionedRateLimiter<IPNetwork> ports;
    private readonly int portsPerMinute;
    private readonly int ipv6Prefix;

    public ClientLimits(int requestsPerMinute, int portsPerMinute, int ipv6Prefix = DefaultIPv6Prefix)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerMinute, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(portsPerMinute, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ipv6Prefix, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ipv6Prefix, 128);
        this.portsPerMinute = portsPerMinute;
        this.ipv6Prefix = ipv6Prefix;
        requests = PartitionedRateLimiter.Create<IPNetwork, IPNetwork>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => Options(requestsPerMinute)));
        ports = PartitionedRateLimiter.Create<IPNetwork, IPNetwork>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => Options(portsPerMinute)));
    }

    /// <summary>The client an address counts as: its IPv4 address (embedded ones too) as a /32, else its IPv6 prefix.</summary>
    public IPNetwork ClientOf(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var counted = AddressClasses.EmbeddedIPv4Of(address) ?? address;
        return counted.AddressFamily == AddressFamily.InterNetwork ? new IPNetwork(counted, 32) : new IPNetwork(Masked(counted, ipv6Prefix), ipv6Prefix);
    }

    /// <summary>A client as error sentences name it: <c>203.0.113.7</c>, <c>2001:db8:1:2::/64</c>.</summary>
    public static string Describe(IPNetwork client) =>
        client.PrefixLength == (client.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? 32 : 128) ? client.BaseAddress.ToString() : client.ToString();

    /// <summary>Takes one request from the client's budget; null when allowed, else how long to wait.</summary>
    public TimeSpan? TakeRequest(IPAddress client) => Take(requests, ClientOf(client), 1);

    /// <summary>Takes <paramref name="count"/> ports from the client's budget; null when allowed, else how long to wait.</summary>
    public TimeSpan? TakePorts(IPAddress client, int count) =>
        // More than a whole window's budget is never granted (the limiter would throw): a full window's wait.
        count > portsPerMinute ? Window : Take(ports, ClientOf(client), count);

    public void Dispose()
    {
        requests.Dispose();
        ports.Dispose();
    }

    private static IPAddress Masked(IPAddress address, int prefix)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        for (var i = 0; i < 16; i++)
        {
            var kept = Math.Clamp(prefix - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - kept));
        }

        return new IPAddress(bytes);
    }

    private static TimeSpan? Take(PartitionedRateLimiter<IPNetwork> limiter, IPNetwork client, int count)
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
