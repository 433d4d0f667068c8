using System.Net;
using System.Net.Sockets;

namespace Reach.Resolution;

/// <summary>The OS resolver (hosts file, DNS, ...), as every other program on the machine sees it.</summary>
public sealed class SystemHostResolver : IHostResolver
{
    public async Task<ResolutionResult> ResolveAsync(string host, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (IPAddress.TryParse(host, out var literal))
        {
            return new ResolutionResult(host, ResolutionStatus.Literal, [literal]);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken)
                .WaitAsync(timeout, cancellationToken)
                .ConfigureAwait(false);
            return addresses.Length == 0
                ? ResolutionResult.Failed(host, "the name has no A or AAAA records")
                : new ResolutionResult(host, ResolutionStatus.Resolved, addresses.Where(IsUsable).Distinct().ToArray());
        }
        catch (SocketException ex)
        {
            return ResolutionResult.Failed(host, ex.Message);
        }
        catch (TimeoutException)
        {
            return ResolutionResult.Failed(host, $"no answer from the resolver within {timeout.TotalSeconds:0.###} s");
        }
        catch (ArgumentException ex)
        {
            return ResolutionResult.Failed(host, ex.Message);
        }
    }

    private static bool IsUsable(IPAddress address) =>
        address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6;
}
