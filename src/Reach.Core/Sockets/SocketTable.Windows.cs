using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Reach.Sockets;

/// <summary>
/// Windows: the TCP and UDP tables with owning PIDs from iphlpapi (what <c>netstat -ano</c> and
/// <c>Get-NetTCPConnection</c> show), joined with process names and paths.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe partial class WindowsSocketTable : ISocketTable
{
    public const string SourceName = "GetExtendedTcpTable/GetExtendedUdpTable";

    private const uint AfInet = 2;
    private const uint AfInet6 = 23;
    private const int TcpTableOwnerPidAll = 5;
    private const int UdpTableOwnerPid = 1;
    private const uint NoError = 0;
    private const uint ErrorInsufficientBuffer = 122;

    // The table can grow between the sizing call and the fetch; a table that outgrows its buffer this many times in a
    // row on a busy machine would keep doing so however long we tried.
    private const int MaxAttempts = 5;

    public SocketSnapshot Read(SocketProtocols protocols)
    {
        var rows = new List<SocketRow>();
        if (protocols.HasFlag(SocketProtocols.Tcp))
        {
            WindowsSocketTableDecoder.DecodeTcp4(Fetch(Table.Tcp, AfInet), rows);
            WindowsSocketTableDecoder.DecodeTcp6(Fetch(Table.Tcp, AfInet6), rows);
        }

        if (protocols.HasFlag(SocketProtocols.Udp))
        {
            WindowsSocketTableDecoder.DecodeUdp4(Fetch(Table.Udp, AfInet), rows);
            WindowsSocketTableDecoder.DecodeUdp6(Fetch(Table.Udp, AfInet6), rows);
        }

        var processes = new WindowsProcessReader();
        return WindowsSocketOwners.Join(rows, processes.Read, SourceName);
    }

    /// <summary>One table in a buffer of the size Windows asks for, grown while the table grows.</summary>
    private static ReadOnlySpan<byte> Fetch(Table table, uint family)
    {
        var name = table == Table.Tcp ? "GetExtendedTcpTable" : "GetExtendedUdpTable";
        var familyName = family == AfInet ? "AF_INET" : "AF_INET6";
        byte[]? buffer = null;
        uint size = 0;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            uint result;
            fixed (byte* pointer = buffer)
            {
                result = table == Table.Tcp
                    ? GetExtendedTcpTable(pointer, &size, 0, family, TcpTableOwnerPidAll, 0)
                    : GetExtendedUdpTable(pointer, &size, 0, family, UdpTableOwnerPid, 0);
            }

            if (result == NoError && buffer is not null)
            {
                // The decoder reads dwNumEntries rows and ignores the slack after them.
                return buffer;
            }

            if (result != ErrorInsufficientBuffer && result != NoError)
            {
                throw new SocketTableException($"{name} ({familyName}) failed with Windows error {result}");
            }

            // Room for rows that appear before the next call.
            size += (size / 4) + 1024;
            buffer = new byte[size];
        }

        throw new SocketTableException($"{name} ({familyName}): the table kept outgrowing its buffer ({MaxAttempts} attempts, last {size} bytes)");
    }

    private enum Table
    {
        Tcp,
        Udp,
    }

    [LibraryImport("iphlpapi.dll")]
    private static partial uint GetExtendedTcpTable(void* table, uint* size, int order, uint family, int tableClass, uint reserved);

    [LibraryImport("iphlpapi.dll")]
    private static partial uint GetExtendedUdpTable(void* table, uint* size, int order, uint family, int tableClass, uint reserved);
}
