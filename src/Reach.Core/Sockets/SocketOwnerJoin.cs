namespace Reach.Sockets;

/// <summary>
/// Joins socket rows with the processes found holding their inodes (Linux): pure, so the rules are tested on every OS.
/// </summary>
internal static class SocketOwnerJoin
{
    /// <param name="rows">The table's rows.</param>
    /// <param name="owners">The lowest PID holding each inode; 0 or missing when none was found.</param>
    /// <param name="describe">Describes a PID (called once per PID).</param>
    /// <param name="userName">Names a uid.</param>
    /// <param name="someProcessesHidden">Some processes' descriptors could not be read (not running as root).</param>
    /// <param name="source">The snapshot's source.</param>
    public static SocketSnapshot Join(
        IReadOnlyList<SocketRow> rows,
        IReadOnlyDictionary<ulong, int> owners,
        Func<int, ProcessOwner> describe,
        Func<int, string> userName,
        bool someProcessesHidden,
        string source)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(owners);
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentNullException.ThrowIfNull(userName);

        var processes = new Dictionary<int, ProcessOwner>();
        var entries = new SocketEntry[rows.Count];
        var incomplete = false;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Inode != 0 && owners.TryGetValue(row.Inode, out var pid) && pid > 0)
            {
                if (!processes.TryGetValue(pid, out var owner))
                {
                    owner = describe(pid);
                    processes.Add(pid, owner);
                }

                entries[i] = new SocketEntry(row, owner);
                continue;
            }

            // TIME_WAIT and half-open connections have no inode and no owner: nothing is hidden there. A socket
            // with an inode but no visible holder is hidden when we could not look at every process.
            var hidden = row.Inode != 0 && someProcessesHidden;
            incomplete |= hidden;
            entries[i] = new SocketEntry(row, null, row.Inode != 0 && row.Uid is { } uid ? userName(uid) : null);
        }

        return new SocketSnapshot(entries, source, incomplete);
    }
}
