using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Reach.Platform;

/// <summary>The few libc socket and epoll calls the Linux scan transport makes directly (source-generated, AOT-safe).</summary>
[SupportedOSPlatform("linux")]
internal static unsafe partial class LinuxSocketInterop
{
    public const int AfInet = 2;
    public const int AfInet6 = 10;
    public const int SockStreamNonBlockCloexec = 1 | 0x800 | 0x80000;
    public const int SolSocket = 1;
    public const int SoError = 4;
    public const int SoLinger = 13;
    public const int EpollCloexec = 0x80000;
    public const int EpollCtlAdd = 1;
    public const uint EpollOut = 0x004;
    public const uint EpollErr = 0x008;
    public const uint EpollHup = 0x010;
    public const int EInProgress = 115;
    public const int EIntr = 4;
    public const int ConnReset = 104;

    /// <summary>struct epoll_event is packed (12 bytes) on x86-64 and naturally aligned (16 bytes) elsewhere.</summary>
    public static readonly int EpollEventSize = RuntimeInformation.ProcessArchitecture is Architecture.X64 or Architecture.X86 ? 12 : 16;

    public static readonly int EpollDataOffset = EpollEventSize == 12 ? 4 : 8;

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "connect", SetLastError = true)]
    public static partial int Connect(int fd, byte* address, int length);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSockOpt(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc", EntryPoint = "getsockopt", SetLastError = true)]
    public static partial int GetSockOpt(int fd, int level, int name, void* value, int* length);

    [LibraryImport("libc", EntryPoint = "getsockname", SetLastError = true)]
    public static partial int GetSockName(int fd, byte* address, int* length);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "epoll_create1", SetLastError = true)]
    public static partial int EpollCreate(int flags);

    [LibraryImport("libc", EntryPoint = "epoll_ctl", SetLastError = true)]
    public static partial int EpollCtl(int epfd, int op, int fd, byte* ev);

    [LibraryImport("libc", EntryPoint = "epoll_wait", SetLastError = true)]
    public static partial int EpollWait(int epfd, byte* events, int maxEvents, int timeoutMs);

    /// <summary>Writes a sockaddr_in / sockaddr_in6 for the endpoint; returns its length.</summary>
    public static int WriteSockaddr(IPAddress address, int port, Span<byte> buffer)
    {
        buffer[..28].Clear();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer, AfInet);
            BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)port);
            address.TryWriteBytes(buffer[4..8], out _);
            return 16;
        }

        BinaryPrimitives.WriteUInt16LittleEndian(buffer, AfInet6);
        BinaryPrimitives.WriteUInt16BigEndian(buffer[2..], (ushort)port);
        address.TryWriteBytes(buffer[8..24], out _);
        BinaryPrimitives.WriteUInt32LittleEndian(buffer[24..], (uint)address.ScopeId);
        return 28;
    }

    /// <summary>Linux errno values as the SocketError the rest of Reach classifies.</summary>
    public static SocketError ToSocketError(int errno) => errno switch
    {
        0 => SocketError.Success,
        111 => SocketError.ConnectionRefused,
        113 => SocketError.HostUnreachable,
        101 => SocketError.NetworkUnreachable,
        110 => SocketError.TimedOut,
        1 or 13 => SocketError.AccessDenied,
        99 => SocketError.AddressNotAvailable,
        98 => SocketError.AddressAlreadyInUse,
        23 or 24 => SocketError.TooManyOpenSockets,
        12 or 105 or 11 => SocketError.NoBufferSpaceAvailable,
        100 => SocketError.NetworkDown,
        104 => SocketError.ConnectionReset,
        _ => SocketError.SocketError,
    };
}
