using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Reach.Scanning;

/// <summary>
/// <c>scan --service</c>'s cap per address: at most <c>perHost</c> of an address's ports are admitted to the
/// identification at once; the others wait in the address's own queue, admitted one by one as its ports finish. So a
/// host with many open ports gets no burst of connections (per-source limits such as iptables connlimit or sshd's
/// MaxStartups refuse it, and it looks like an attack), and its waiting ports hold up no other host's. Not
/// thread-safe: the caller holds one lock around every call.
/// </summary>
/// <typeparam name="T">What is admitted: a port to identify.</typeparam>
internal sealed class ScanServiceHostGate<T>
{
    private readonly Dictionary<IPAddress, Host> _hosts = [];
    private readonly int _perHost;

    public ScanServiceHostGate(int perHost)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perHost, 1);
        _perHost = perHost;
    }

    /// <summary>Items waiting for their address's turn, over every address.</summary>
    public int Waiting { get; private set; }

    /// <summary>True when the item is admitted now; false: it waits until <see cref="TryRelease"/> hands it out.</summary>
    public bool TryAdmit(IPAddress address, T item)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!_hosts.TryGetValue(address, out var host))
        {
            host = new Host();
            _hosts.Add(address, host);
        }

        if (host.Admitted < _perHost)
        {
            host.Admitted++;
            return true;
        }

        host.Waiting.Enqueue(item);
        Waiting++;
        return false;
    }

    /// <summary>
    /// One admitted item of the address is done: true with the next of its waiting items, admitted in its place;
    /// false when none waits (the address's slot is free again).
    /// </summary>
    public bool TryRelease(IPAddress address, [MaybeNullWhen(false)] out T next)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!_hosts.TryGetValue(address, out var host) || host.Admitted == 0)
        {
            throw new InvalidOperationException($"nothing of {address} was admitted");
        }

        if (host.Waiting.TryDequeue(out next))
        {
            Waiting--;
            return true;
        }

        // The last of an address's ports: forget it, so a sweep of many hosts keeps no state per host it is done with.
        if (--host.Admitted == 0)
        {
            _hosts.Remove(address);
        }

        return false;
    }

    private sealed class Host
    {
        public int Admitted { get; set; }

        public Queue<T> Waiting { get; } = new();
    }
}
