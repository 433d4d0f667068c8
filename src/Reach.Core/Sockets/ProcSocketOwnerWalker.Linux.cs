using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;
using static Reach.Sockets.SocketTableInterop;

namespace Reach.Sockets;

/// <summary>
/// Finds which process holds each socket inode by reading every <c>/proc/PID/fd/*</c> link (<c>socket:[INODE]</c>)
/// once, as ss -p does. Directories are walked with openat/readdir/readlinkat on descriptors: no path strings, no
/// per-descriptor allocation, one system call per descriptor.
/// </summary>
[SupportedOSPlatform("linux")]
internal static unsafe class ProcSocketOwnerWalker
{
    private const int AtFdCwd = -100;
    private const int LinkBufferSize = 64; // "socket:[18446744073709551615]" is 29 bytes

    /// <summary>
    /// For every inode key of <paramref name="owners"/> (values 0 on entry), stores the lowest PID holding it; inodes
    /// nobody holds keep 0. Processes that end during the walk are skipped. The kernel lists <c>/proc</c> in
    /// ascending PID order, so once every inode has an owner no later process can hold it with a lower PID: the walk
    /// stops there (on a busy server most processes hold no socket we look for).
    /// </summary>
    /// <returns>True when some process's descriptors could not be read (EACCES / EPERM: not running as root).</returns>
    public static bool FindOwners(Dictionary<ulong, int> owners, string procRoot = "/proc")
    {
        ArgumentNullException.ThrowIfNull(owners);
        var unowned = owners.Count;
        var rootPath = Encoding.UTF8.GetBytes(procRoot + "\0");
        int rootFd;
        fixed (byte* path = rootPath)
        {
            rootFd = OpenAt(AtFdCwd, path, OpenDirectory);
        }

        if (rootFd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new SocketTableException($"cannot list {procRoot}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
        }

        var processes = FdOpenDir(rootFd);
        if (processes == 0)
        {
            _ = Close(rootFd);
            throw new SocketTableException($"cannot list {procRoot}: fdopendir failed (errno {Marshal.GetLastPInvokeError()})");
        }

        var denied = false;
        try
        {
            byte* entry;
            while (unowned > 0 && (entry = ReadDir(processes)) != null)
            {
                var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(entry + DirentNameOffset);
                if (TryParsePid(name, out var pid))
                {
                    denied |= WalkProcess(rootFd, name, pid, owners, ref unowned);
                }
            }
        }
        finally
        {
            _ = CloseDir(processes); // also closes rootFd
        }

        return denied;
    }

    /// <summary>Reads one process's descriptor links; returns true when they were not readable for lack of rights.</summary>
    private static bool WalkProcess(int rootFd, ReadOnlySpan<byte> pidName, int pid, Dictionary<ulong, int> owners, ref int unowned)
    {
        Span<byte> path = stackalloc byte[48];
        pidName.CopyTo(path);
        "/fd\0"u8.CopyTo(path[pidName.Length..]);
        int fdDirFd;
        fixed (byte* p = path)
        {
            fdDirFd = OpenAt(rootFd, p, OpenDirectory);
        }

        if (fdDirFd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno is EAccess or EPerm; // ENOENT: the process ended meanwhile
        }

        var descriptors = FdOpenDir(fdDirFd);
        if (descriptors == 0)
        {
            _ = Close(fdDirFd);
            return false;
        }

        var link = stackalloc byte[LinkBufferSize];
        try
        {
            byte* entry;
            while ((entry = ReadDir(descriptors)) != null)
            {
                var name = entry + DirentNameOffset;
                if (name[0] == (byte)'.')
                {
                    continue;
                }

                var length = ReadLinkAt(fdDirFd, name, link, LinkBufferSize);
                if (length > 0 && TryParseSocketInode(new ReadOnlySpan<byte>(link, (int)length), out var inode))
                {
                    ref var owner = ref CollectionsMarshal.GetValueRefOrNullRef(owners, inode);
                    if (!Unsafe.IsNullRef(ref owner) && (owner == 0 || pid < owner))
                    {
                        unowned -= owner == 0 ? 1 : 0;
                        owner = pid;
                    }
                }
            }
        }
        finally
        {
            _ = CloseDir(descriptors);
        }

        return false;
    }

    /// <summary>Parses a link text <c>socket:[12345]</c>.</summary>
    internal static bool TryParseSocketInode(ReadOnlySpan<byte> link, out ulong inode)
    {
        inode = 0;
        return link.Length > 9 && link.StartsWith("socket:["u8) && link[^1] == (byte)']'
            && ulong.TryParse(link[8..^1], NumberStyles.None, CultureInfo.InvariantCulture, out inode);
    }

    private static bool TryParsePid(ReadOnlySpan<byte> name, out int pid)
    {
        pid = 0;
        if (name.IsEmpty || name.Length > 9)
        {
            return false;
        }

        foreach (var digit in name)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            pid = (pid * 10) + (digit - '0');
        }

        return pid > 0;
    }
}
