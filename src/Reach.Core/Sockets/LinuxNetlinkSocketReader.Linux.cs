using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using static Reach.Sockets.InetDiagLayout;
using static Reach.Sockets.SocketTableInterop;

namespace Reach.Sockets;

/// <summary>
/// Reads TCP and UDP sockets of the calling thread's network namespace through NETLINK_SOCK_DIAG (what ss uses):
/// one dump per family and protocol, every state. Unlike /proc/net it reports each IPv6 socket's IPV6_V6ONLY.
/// </summary>
[SupportedOSPlatform("linux")]
internal static unsafe class LinuxNetlinkSocketReader
{
    /// <summary>The kernel caps a dump datagram at 32 KiB; a larger buffer lets MSG_TRUNC catch any surprise.</summary>
    private const int BufferSize = 64 * 1024;

    /// <summary>Dumps the sockets into <paramref name="rows"/>.</summary>
    /// <returns>Null on success; otherwise why sock_diag is unavailable here (the caller falls back to /proc/net).</returns>
    /// <exception cref="SocketTableException">The netlink conversation failed midway or the answer was malformed.</exception>
    public static string? TryRead(SocketProtocols protocols, List<SocketRow> rows)
    {
        var fd = Socket(AfNetlink, SockDgramCloexec, NetlinkSockDiag);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return $"socket(AF_NETLINK, NETLINK_SOCK_DIAG) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
        }

        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            uint sequence = 0;
            foreach (var (protocol, number) in (ReadOnlySpan<(SocketProtocol, byte)>)[(SocketProtocol.Tcp, IpProtoTcp), (SocketProtocol.Udp, IpProtoUdp)])
            {
                if (!protocols.HasFlag(protocol == SocketProtocol.Tcp ? SocketProtocols.Tcp : SocketProtocols.Udp))
                {
                    continue;
                }

                foreach (var family in (ReadOnlySpan<byte>)[AfInet, AfInet6])
                {
                    var errno = Dump(fd, family, number, protocol, ++sequence, buffer, rows);
                    if (errno != 0)
                    {
                        return $"the kernel refused the sock_diag dump of {protocol} over {(family == AfInet ? "IPv4" : "IPv6")}: "
                            + $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
                    }
                }
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            _ = Close(fd);
        }
    }

    /// <summary>Sends one dump request and decodes the answer until NLMSG_DONE; returns the kernel's errno, 0 if none.</summary>
    private static int Dump(int fd, byte family, byte protocolNumber, SocketProtocol protocol, uint sequence, byte[] buffer, List<SocketRow> rows)
    {
        var request = stackalloc byte[InetDiagRequest.Size];
        InetDiagRequest.Write(new Span<byte>(request, InetDiagRequest.Size), family, protocolNumber, sequence);
        var kernel = stackalloc byte[12]; // struct sockaddr_nl { u16 family; u16 pad; u32 pid = 0 (kernel); u32 groups; }
        new Span<byte>(kernel, 12).Clear();
        *(ushort*)kernel = AfNetlink;
        if (SendTo(fd, request, InetDiagRequest.Size, 0, kernel, 12) < 0)
        {
            throw Failed("sendto", Marshal.GetLastPInvokeError());
        }

        fixed (byte* data = buffer)
        {
            while (true)
            {
                var received = Recv(fd, data, buffer.Length, MsgTrunc);
                if (received < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == EIntr)
                    {
                        continue;
                    }

                    throw Failed("recv", errno);
                }

                if (received > buffer.Length)
                {
                    throw new SocketTableException($"netlink sock_diag: a {received}-byte datagram did not fit the {buffer.Length}-byte buffer");
                }

                var batch = InetDiagDecoder.Decode(new ReadOnlySpan<byte>(data, (int)received), protocol, sequence, rows);
                if (batch.Done)
                {
                    return batch.Errno;
                }
            }
        }
    }

    private static SocketTableException Failed(string call, int errno) =>
        new($"netlink sock_diag: {call} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
}
