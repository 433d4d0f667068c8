using Reach.Probes;

namespace Reach.Scanning;

/// <summary>
/// The ports <c>--fail-on-closed</c> fails on: how many were not open, and the first few of them in host then port
/// order (IPv4 before IPv6, ascending), whatever order they arrived in. Holds at most <paramref name="keep"/> results,
/// so a scan of a /16 costs what a scan of one host costs.
/// </summary>
/// <param name="keep">How many not-open ports to remember (the rest are only counted).</param>
public sealed class ScanNotOpenPorts(int keep)
{
    // A max-heap on (host, port): the root is the last of the ones kept, the first to go when a smaller one comes.
    private readonly PriorityQueue<ScanPortResult, (long Host, int Port)> _first =
        new(Comparer<(long Host, int Port)>.Create(static (x, y) => y.CompareTo(x)));

    /// <summary>Scanned ports that were not open (closed, filtered, or not probed: a local error).</summary>
    public long Count { get; private set; }

    public void Add(ScanPortResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.State == PortState.Open)
        {
            return;
        }

        Count++;
        var key = (result.Target.HostIndex, result.Target.Port);
        if (_first.Count < keep)
        {
            _first.Enqueue(result, key);
        }
        else if (keep > 0 && _first.TryPeek(out _, out var last) && key.CompareTo(last) < 0)
        {
            _first.DequeueEnqueue(result, key);
        }
    }

    /// <summary>The first <c>keep</c> ports that were not open, in host then port order.</summary>
    public IReadOnlyList<ScanPortResult> First() =>
        [.. _first.UnorderedItems.OrderBy(i => i.Priority).Select(i => i.Element)];
}
