using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Reach.Probes;

namespace Reach.Platform;

/// <summary>Linux: IP_RECVERR / IPV6_RECVERR and recvmsg(MSG_ERRQUEUE).</summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LinuxSocketErrorQueue : ISocketErrorQueue
{
    private const int SolIp = 0;
    private const int IpRecvErr = 11;
    private const int SolIpv6 = 41;
    private const int Ipv6RecvErr = 25;
    private const int MsgDontWait = 0x40;
    private const int MsgErrQueue = 0x2000;
    private const int ControlBufferSize = 512;
    private const int MaxEntries = 8;

    public void Enable(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        // Also makes an ICMPv6 unreachable fail the connect at once instead of after about a second.
        Enable((int)socket.SafeHandle.DangerousGetHandle(), socket.AddressFamily == AddressFamily.InterNetworkV6);
    }

    public IcmpError? TryRead(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return TryRead((int)socket.SafeHandle.DangerousGetHandle());
    }

    /// <summary>Asks for ICMP errors on a raw socket descriptor (the epoll scan transport's).</summary>
    public static unsafe void Enable(int fd, bool ipv6)
    {
        var one = 1;
        _ = LinuxSocketInterop.SetSockOpt(fd, ipv6 ? SolIpv6 : SolIp, ipv6 ? Ipv6RecvErr : IpRecvErr, &one, sizeof(int));
    }

    /// <summary>The last ICMP error queued for a raw socket descriptor, or null.</summary>
    public static unsafe IcmpError? TryRead(int fd)
    {
        IcmpError? last = null;
        var control = stackalloc byte[ControlBufferSize];
        for (var i = 0; i < MaxEntries; i++)
        {
            var header = new MessageHeader { Control = control, ControlLength = ControlBufferSize };
            if (RecvMsg(fd, &header, MsgErrQueue | MsgDontWait) < 0)
            {
                break; // EAGAIN: the queue is empty.
            }

            var entry = ErrorQueueDecoder.Decode(new ReadOnlySpan<byte>(control, (int)header.ControlLength));
            if (entry is not null)
            {
                last = entry;
            }
        }

        return last;
    }

    [LibraryImport("libc", EntryPoint = "recvmsg", SetLastError = true)]
    private static unsafe partial nint RecvMsg(int socket, MessageHeader* message, int flags);

    /// <summary>struct msghdr (64-bit layout).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private unsafe struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public void* Iov;
        public nuint IovLength;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
    }
}
