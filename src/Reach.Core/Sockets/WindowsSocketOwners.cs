namespace Reach.Sockets;

/// <summary>
/// Joins Windows socket rows (which carry their PID) with their processes. Pure: the per-PID lookup is passed in,
/// so the rules below are tested on every OS.
/// </summary>
internal static class WindowsSocketOwners
{
    public const string IdleProcessName = "System Idle Process";
    public const string SystemProcessName = "System";

    /// <summary>Joins every row with its owner, looking each PID up once.</summary>
    /// <param name="rows">Decoded rows; each has <see cref="SocketRow.Pid"/>.</param>
    /// <param name="lookup">Reads a process; <see langword="null"/> when nothing about it can be read (gone, or hidden).</param>
    /// <param name="source">The snapshot's source, for humans.</param>
    public static SocketSnapshot Join(IReadOnlyList<SocketRow> rows, Func<int, ProcessOwner?> lookup, string source)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(lookup);
        var owners = new Dictionary<int, ProcessOwner?>();
        var entries = new SocketEntry[rows.Count];
        var incomplete = false;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            ProcessOwner? owner = null;

            // A UDP row with PID 0 means "owner not available" (MIB_UDPROW_OWNER_PID); a TCP row with PID 0 belongs to
            // the idle process (TIME_WAIT connections, as netstat -ano shows them).
            if (row.Pid is int pid && !(pid == 0 && row.Protocol == SocketProtocol.Udp))
            {
                if (!owners.TryGetValue(pid, out owner))
                {
                    owner = Owner(pid, lookup);
                    owners.Add(pid, owner);
                }

                incomplete |= owner?.Name is null;
            }

            entries[i] = new SocketEntry(row, owner);
        }

        return new SocketSnapshot(entries, source, incomplete);
    }

    /// <summary>PIDs 0 and 4 are kernel pseudo-processes: no image path, fixed names, whatever the lookup says.</summary>
    private static ProcessOwner? Owner(int pid, Func<int, ProcessOwner?> lookup) => pid switch
    {
        0 => new ProcessOwner(0, IdleProcessName, null, null, "NT AUTHORITY\\SYSTEM"),
        4 => new ProcessOwner(4, SystemProcessName, null, null, "NT AUTHORITY\\SYSTEM"),
        _ => lookup(pid),
    };
}
