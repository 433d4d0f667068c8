namespace Reach.Sockets;

/// <summary>A socket-table row joined with the processes holding it.</summary>
/// <param name="Row">What the kernel's table says.</param>
/// <param name="Owners">
/// Every process holding the socket that can be seen, lowest PID first: usually one; several when a process forked
/// after opening it (a pre-fork server's master and workers, a parent and its child) or passed it on. Empty when the
/// owner cannot be seen (another user's process without privileges) or no process holds it (<paramref name="OwnedByKernel"/>).
/// </param>
/// <param name="OwnerUser">
/// The user the table names (Linux: the socket's uid) when no process tells it: the owner is hidden, or the kernel
/// holds the socket for a user (a connection not accepted yet, an orphaned one closing).
/// </param>
/// <param name="OwnedByKernel">
/// No process holds the socket, the kernel does (Linux: the row has no inode): TIME_WAIT, SYN_RECV, a connection
/// waiting in a listener's accept queue, an orphaned connection closing (FIN_WAIT2 after the program closed it).
/// </param>
public sealed record SocketEntry(SocketRow Row, IReadOnlyList<ProcessOwner> Owners, string? OwnerUser = null, bool OwnedByKernel = false)
{
    /// <summary>A socket with one owner, or none (<see langword="null"/>: hidden).</summary>
    public SocketEntry(SocketRow row, ProcessOwner? owner, string? ownerUser = null)
        : this(row, owner is null ? [] : [owner], ownerUser)
    {
    }

    /// <summary>The owner with the lowest PID; <see langword="null"/> when none can be seen.</summary>
    public ProcessOwner? Owner => Owners.Count > 0 ? Owners[0] : null;

    /// <summary>
    /// The owner PID as far as it is known: the first owner's, else the one the table carries (Windows rows whose
    /// process could not be read).
    /// </summary>
    public int? Pid => Owner?.Pid ?? Row.Pid;

    /// <summary>Whether <paramref name="pid"/> is one of the processes holding the socket.</summary>
    public bool IsHeldBy(int pid)
    {
        foreach (var owner in Owners)
        {
            if (owner.Pid == pid)
            {
                return true;
            }
        }

        return Owners.Count == 0 && Row.Pid == pid;
    }
}
