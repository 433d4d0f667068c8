using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Reach.External;

/// <summary>
/// An AF_PACKET socket (root or CAP_NET_RAW) that sees incoming packets before netfilter: a SYN it sees that gets no
/// answer was dropped on this host. Reads on its own thread for as long as the check runs.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed unsafe partial class PacketSynWatch : ISynWatch
{
    private const int AfPacket = 17;
    private const int SockDgramCloexec = 2 | 0x80000;
    private const ushort EthPAllNetworkOrder = 0x0300; // htons(ETH_P_ALL)
    private const int SolSocket = 1;
    private const int SoRcvTimeo = 20;
    private const int MsgDontWait = 0x40;
    private const byte PacketOutgoing = 4;

    /// <summary>Safety bound: the watch ends by itself after this long even if nobody stops it.</summary>
    private static readonly TimeSpan MaxWatch = TimeSpan.FromMinutes(5);

    private readonly int _fd;
    private readonly HashSet<int> _ports;
    private readonly HashSet<int> _seen = [];
    private readonly Thread _reader;
    private volatile bool _stopping;
    private int _closed;

    private PacketSynWatch(int fd, IEnumerable<int> ports)
    {
        _fd = fd;
        _ports = [.. ports];
        _reader = new Thread(Read) { IsBackground = true, Name = "reach external SYN watch" };
        _reader.Start();
    }

    /// <summary>Starts watching; <see langword="null"/> when a packet socket cannot be opened (not root).</summary>
    public static PacketSynWatch? TryStart(IEnumerable<int> ports)
    {
        var fd = Socket(AfPacket, SockDgramCloexec, EthPAllNetworkOrder);
        if (fd < 0)
        {
            return null;
        }

        // recvfrom wakes up every 10 ms to notice Finish: the check's answer waits for at most that long.
        var timeout = stackalloc long[2] { 0, 10_000 };
        if (SetSockOpt(fd, SolSocket, SoRcvTimeo, timeout, 16) != 0)
        {
            _ = Close(fd);
            return null;
        }

        return new PacketSynWatch(fd, ports);
    }

    public IReadOnlySet<int> Finish()
    {
        _stopping = true;
        _reader.Join(TimeSpan.FromSeconds(2));
        Dispose();
        lock (_seen)
        {
            return new HashSet<int>(_seen);
        }
    }

    public void Dispose()
    {
        _stopping = true;
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _reader.Join(TimeSpan.FromSeconds(2));
            _ = Close(_fd);
        }
    }

    private void Read()
    {
        var buffer = stackalloc byte[256]; // headers are enough: longer packets arrive cut
        var address = stackalloc byte[32]; // struct sockaddr_ll
        var started = Environment.TickCount64;
        while (Environment.TickCount64 - started < MaxWatch.TotalMilliseconds)
        {
            var addressLength = 32;
            // Once stopping, drain what is queued without waiting, then end.
            var length = RecvFrom(_fd, buffer, 256, _stopping ? MsgDontWait : 0, address, &addressLength);
            if (length < 0)
            {
                if (_stopping)
                {
                    return;
                }

                continue;
            }

            // sll_pkttype at offset 10: the SYNs this host sends itself do not count.
            if (address[10] == PacketOutgoing || !IncomingSynParser.TryGetSynPort(new ReadOnlySpan<byte>(buffer, (int)Math.Min(length, 256)), out var port) || !_ports.Contains(port))
            {
                continue;
            }

            lock (_seen)
            {
                _seen.Add(port);
            }
        }
    }

    [LibraryImport("libc", EntryPoint = "socket", SetLastError = true)]
    private static partial int Socket(int domain, int type, int protocol);

    [LibraryImport("libc", EntryPoint = "setsockopt", SetLastError = true)]
    private static partial int SetSockOpt(int fd, int level, int name, void* value, int length);

    [LibraryImport("libc", EntryPoint = "recvfrom", SetLastError = true)]
    private static partial nint RecvFrom(int fd, byte* buffer, nint length, int flags, byte* address, int* addressLength);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
