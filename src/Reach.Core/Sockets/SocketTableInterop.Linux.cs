using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Reach.Sockets;

/// <summary>The libc calls the Linux socket table makes: a netlink socket, and /proc walked with *at() calls (AOT-safe).</summary>
[SupportedOSPlatform("linux")]
internal static unsafe partial class SocketTableInterop
{
    public const int AfNetlink = 16;
    public const int SockDgramCloexec = 2 | 0x80000;
    public const int NetlinkSockDiag = 4;
    public const int MsgTrunc = 0x20;
    public const int OpenDirectory = 0x10000 | 0x80000; // O_RDONLY | O_DIRECTORY | O_CLOEXEC
    public const int OpenReadOnly = 0x80000; // O_RDONLY | O_CLOEXEC

    public const int EPerm = 1;
    public const int ENoEnt = 2;
    public const int EIntr = 4;
    public const int EAccess = 13;
    public const int EInval = 22;
    public const int EProtoNoSupport = 93;
    public const int EOpNotSupp = 95;
    public const int EAfNoSupport = 97;

    /// <summary>
    /// Where struct dirent's d_name starts: after u64 d_ino, s64 d_off, u16 d_reclen, u8 d_type on 64-bit Linux
    /// (glibc and musl); 32-bit glibc's non-LFS dirent has 32-bit d_ino and d_off.
    /// </summary>
    public static readonly int DirentNameOffset = IntPtr.Size == 8 ? 19 : 11;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "sendto", SetLastError = true)]
    public static partial nint SendTo(int fd, byte* buffer, nint length, int flags, byte* address, int addressLength);

    [LibraryImport("libc", EntryPoint = "recv", SetLastError = true)]
    public static partial nint Recv(int fd, byte* buffer, nint length, int flags);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true)]
    public static partial int OpenAt(int directoryFd, byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    public static partial nint Read(int fd, byte* buffer, nint length);

    [LibraryImport("libc", EntryPoint = "fdopendir", SetLastError = true)]
    public static partial nint FdOpenDir(int fd);

    [LibraryImport("libc", EntryPoint = "readdir", SetLastError = true)]
    public static partial byte* ReadDir(nint directory);

    [LibraryImport("libc", EntryPoint = "closedir", SetLastError = true)]
    public static partial int CloseDir(nint directory);

    [LibraryImport("libc", EntryPoint = "dirfd", SetLastError = true)]
    public static partial int DirFd(nint directory);

    /// <summary>IF_NAMESIZE: an interface name and its NUL.</summary>
    public const int InterfaceNameSize = 16;

    /// <summary>Names the interface with this index in the calling thread's network namespace; null when none has it.</summary>
    [LibraryImport("libc", EntryPoint = "if_indextoname", SetLastError = true)]
    public static partial byte* IfIndexToName(uint index, byte* name);

    [LibraryImport("libc", EntryPoint = "readlinkat", SetLastError = true)]
    public static partial nint ReadLinkAt(int directoryFd, byte* path, byte* buffer, nint size);
}
