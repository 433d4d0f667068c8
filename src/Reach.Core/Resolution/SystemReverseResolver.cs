using System.Net;
using System.Net.Sockets;

namespace Reach.Resolution;

/// <summary>The OS resolver's reverse lookup (hosts file, DNS PTR records).</summary>
public sealed class SystemReverseResolver : IReverseResolver
{
    public async Task<string?> LookupAsync(IPAddress address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        try
        {
            var entry = await Dns.GetHostEntryAsync(address).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
            return string.IsNullOrEmpty(entry.HostName) || entry.HostName == address.ToString() ? null : entry.HostName;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException or ArgumentException or OperationCanceledException)
        {
            // No name is an answer too; a slow resolver must not hold the trace up.
            return null;
        }
    }
}
