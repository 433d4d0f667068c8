namespace Reach.Sockets;

/// <summary>
/// Joins socket rows with the processes found holding their inodes (Linux): pure, so the rules are tested on every OS.
/// </summary>
internal static class SocketOwnerJoin
{
    /// <param name="rows">The table's rows.</param>
    /// <param name="owners">The processes holding each inode (see <see cref="ProcSocketOwnerWalker"/>).</param>
    /// <param name="describe">Describes a PID (called once per PID).</param>
    /// <param name="userName">Names a uid.</param>
    /// <param name="someProcessesHidden">Some processes' descriptors could not be read (not running as root).</param>
    /// <param name="source">The snapshot's source.</param>
    public static SocketSnapshot Join(
        IReadOnlyList<SocketRow> rows,
        InodeOwners owners,
        Func<int, ProcessOwner> describe,
        Func<int, string> userName,
        bool someProcessesHidden,
        string source)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentNullException.ThrowIfNull(userName);

        // One owner list per PID, shared by all of its sockets: most sockets have exactly one holder.
        var single = new Dictionary<int, ProcessOwner[]>();
        ProcessOwner[] Single(int pid)
        {
            if (!single.TryGetValue(pid, out var list))
            {
                list = [describe(pid)];
                single.Add(pid, list);
            }

            return list;
        }

        var entries = new SocketEntry[rows.Count];
        var incomplete = false;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Inode == 0)
            {
                // No inode: no process holds the socket, the kernel does. Its uid is the user's it is kept for (a
                // connection in the accept queue has the listener's, an orphan its former owner's), but TIME_WAIT
                // and SYN_RECV entries are not full sockets and both sock_diag and /proc/net report uid 0 for them.
                var keepsUid = row.State is not (TcpSocketState.TimeWait or TcpSocketState.SynReceived);
                entries[i] = new SocketEntry(row, [], keepsUid && row.Uid is { } kernelUid ? userName(kernelUid) : null, OwnedByKernel: true);
                continue;
            }

            if (owners.TryGetSingle(row.Inode, out var pid))
            {
                var list = Single(pid);
                entries[i] = new SocketEntry(row, list, list[0].User is null ? UidName(row, userName) : null);
                continue;
            }

            var pids = owners.Of(row.Inode);
            if (pids.Count > 0)
            {
                ProcessOwner[] shared = [.. pids.Select(p => Single(p)[0])];
                entries[i] = new SocketEntry(row, shared, shared[0].User is null ? UidName(row, userName) : null);
                continue;
            }

            // A socket with an inode but no visible holder is hidden when we could not look at every process.
            incomplete |= someProcessesHidden;
            entries[i] = new SocketEntry(row, [], UidName(row, userName));
        }

        return new SocketSnapshot(entries, source, incomplete);
    }

    private static string? UidName(SocketRow row, Func<int, string> userName) => row.Uid is { } uid ? userName(uid) : null;
}
