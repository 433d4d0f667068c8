using System.Globalization;
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
    /// Records in <paramref name="owners"/> every process holding each of its inodes. Processes that end during the
    /// walk are skipped. Every process is read: a socket can be held by any number of processes (inherited through
    /// fork(), as by a pre-fork server's workers, or passed over a Unix socket), and nothing the kernel reports tells
    /// how many, so no point of the walk is certain to have seen them all. Only a table without inodes walks nothing.
    /// </summary>
    /// <returns>True when some process's descriptors could not be read (EACCES / EPERM: not running as root).</returns>
    public static bool FindOwners(InodeOwners owners, string procRoot = "/proc")
    {
        ArgumentNullException.ThrowIfNull(owners);
        if (owners.Count == 0)
        {
            return false;
        }

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
            while ((entry = ReadDir(processes)) != null)
            {
                var name = MemoryMarshal.CreateReadOnlySpanFromNullTerminated(entry + DirentNameOffset);
                if (TryParsePid(name, out var pid))
                {
                    denied |= WalkProcess(rootFd, name, pid, owners);
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
    private static bool WalkProcess(int rootFd, ReadOnlySpan<byte> pidName, int pid, InodeOwners owners)
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
                    owners.Add(inode, pid);
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
