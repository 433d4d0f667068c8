using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Reach.Sockets;

/// <summary>
/// The processes holding each socket inode of a table (Linux). Usually one; several when a process forked after
/// opening the socket (a pre-fork server's master and workers, a parent and its child) or passed it over a Unix
/// socket. PIDs are kept once each, in ascending order.
/// </summary>
internal sealed class InodeOwners
{
    // The first holder of each inode (0: none found yet), and only for shared inodes the others: on a busy server
    // nearly every socket has one holder, so the walk's hot path is one dictionary slot per descriptor.
    private readonly Dictionary<ulong, int> _first;
    private readonly Dictionary<ulong, List<int>> _others = [];

    /// <param name="inodes">The inodes to look for; 0 (no inode: the kernel's own sockets) is left out.</param>
    public InodeOwners(IEnumerable<ulong> inodes)
    {
        ArgumentNullException.ThrowIfNull(inodes);
        _first = new Dictionary<ulong, int>(inodes.TryGetNonEnumeratedCount(out var count) ? count : 0);
        foreach (var inode in inodes)
        {
            if (inode != 0)
            {
                _first.TryAdd(inode, 0);
            }
        }
    }

    /// <summary>How many inodes are looked for.</summary>
    public int Count => _first.Count;

    /// <summary>Records that <paramref name="pid"/> holds <paramref name="inode"/>; inodes not looked for are ignored.</summary>
    public void Add(ulong inode, int pid)
    {
        ref var first = ref CollectionsMarshal.GetValueRefOrNullRef(_first, inode);
        if (Unsafe.IsNullRef(ref first) || first == pid)
        {
            return;
        }

        if (first == 0)
        {
            first = pid;
            return;
        }

        // A process often holds a socket under several descriptors (dup): its PID comes in a row.
        ref var others = ref CollectionsMarshal.GetValueRefOrAddDefault(_others, inode, out _);
        others ??= [];
        if (others.Count == 0 || others[^1] != pid)
        {
            others.Add(pid);
        }
    }

    /// <summary>Every PID found holding <paramref name="inode"/>, lowest first; empty when none was.</summary>
    public IReadOnlyList<int> Of(ulong inode)
    {
        if (!_first.TryGetValue(inode, out var first) || first == 0)
        {
            return [];
        }

        if (!_others.TryGetValue(inode, out var others))
        {
            return [first];
        }

        var pids = new SortedSet<int>(others) { first };
        return [.. pids];
    }

    /// <summary>True when exactly one process holds <paramref name="inode"/>: the common case, without allocating.</summary>
    public bool TryGetSingle(ulong inode, out int pid)
    {
        pid = _first.GetValueOrDefault(inode);
        return pid != 0 && !_others.ContainsKey(inode);
    }
}
