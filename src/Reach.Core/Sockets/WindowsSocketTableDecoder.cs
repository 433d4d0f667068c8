using System.Buffers.Binary;
using System.Net;

namespace Reach.Sockets;

/// <summary>
/// Decodes the owner-PID tables that GetExtendedTcpTable (TCP_TABLE_OWNER_PID_ALL) and GetExtendedUdpTable
/// (UDP_TABLE_OWNER_PID) fill (tcpmib.h, udpmib.h). Pure byte decoding, so it is tested on every OS.
/// </summary>
/// <remarks>
/// Every table is a DWORD dwNumEntries followed by the rows; every member is a DWORD or a UCHAR[16], so nothing is
/// padded on x86, x64 or ARM64. DWORDs are little-endian. Addresses are in network order (the bytes as written).
/// Ports are in network order in the low 16 bits of their DWORD: the first two bytes, big-endian; the other two
/// bytes carry nothing. Scope ids are documented as network order but Windows writes them in host order (an
/// interface index, as in SOCKADDR_IN6); .NET's own TcpConnectionInformation reads them as host order too.
/// <list type="table">
/// <item><term>MIB_TCPROW_OWNER_PID (24)</term><description>dwState 0, dwLocalAddr 4, dwLocalPort 8, dwRemoteAddr 12, dwRemotePort 16, dwOwningPid 20.</description></item>
/// <item><term>MIB_TCP6ROW_OWNER_PID (56)</term><description>ucLocalAddr 0, dwLocalScopeId 16, dwLocalPort 20, ucRemoteAddr 24, dwRemoteScopeId 40, dwRemotePort 44, dwState 48, dwOwningPid 52.</description></item>
/// <item><term>MIB_UDPROW_OWNER_PID (12)</term><description>dwLocalAddr 0, dwLocalPort 4, dwOwningPid 8.</description></item>
/// <item><term>MIB_UDP6ROW_OWNER_PID (28)</term><description>ucLocalAddr 0, dwLocalScopeId 16, dwLocalPort 20, dwOwningPid 24.</description></item>
/// </list>
/// The tables carry no IPV6_V6ONLY flag, so IPv6 rows leave <see cref="SocketRow.V6Only"/> unknown (Windows' default
/// for a socket bound to <c>::</c> is V6ONLY on, but a program may turn it off).
/// </remarks>
internal static class WindowsSocketTableDecoder
{
    public const int HeaderSize = 4;
    public const int Tcp4RowSize = 24;
    public const int Tcp6RowSize = 56;
    public const int Udp4RowSize = 12;
    public const int Udp6RowSize = 28;

    public const string Tcp4TableName = "MIB_TCPTABLE_OWNER_PID";
    public const string Tcp6TableName = "MIB_TCP6TABLE_OWNER_PID";
    public const string Udp4TableName = "MIB_UDPTABLE_OWNER_PID";
    public const string Udp6TableName = "MIB_UDP6TABLE_OWNER_PID";

    private static readonly IPEndPoint UnconnectedV4 = new(IPAddress.Any, 0);
    private static readonly IPEndPoint UnconnectedV6 = new(IPAddress.IPv6Any, 0);

    /// <summary>Appends the rows of a MIB_TCPTABLE_OWNER_PID (IPv4) to <paramref name="rows"/>.</summary>
    public static void DecodeTcp4(ReadOnlySpan<byte> table, List<SocketRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var count = RowCount(table, Tcp4RowSize, Tcp4TableName);
        for (var i = 0; i < count; i++)
        {
            var row = table.Slice(HeaderSize + (i * Tcp4RowSize), Tcp4RowSize);
            var state = State(ReadDword(row, 0));
            var local = new IPEndPoint(new IPAddress(row.Slice(4, 4)), Port(row, 8));
            var remote = state == TcpSocketState.Listen ? UnconnectedV4 : new IPEndPoint(new IPAddress(row.Slice(12, 4)), Port(row, 16));
            rows.Add(new SocketRow(SocketProtocol.Tcp, local, remote, state, Pid: Pid(row, 20, Tcp4TableName)));
        }
    }

    /// <summary>Appends the rows of a MIB_TCP6TABLE_OWNER_PID to <paramref name="rows"/>.</summary>
    public static void DecodeTcp6(ReadOnlySpan<byte> table, List<SocketRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var count = RowCount(table, Tcp6RowSize, Tcp6TableName);
        for (var i = 0; i < count; i++)
        {
            var row = table.Slice(HeaderSize + (i * Tcp6RowSize), Tcp6RowSize);
            var state = State(ReadDword(row, 48));
            var local = new IPEndPoint(new IPAddress(row[..16], ReadDword(row, 16)), Port(row, 20));
            var remote = state == TcpSocketState.Listen ? UnconnectedV6 : new IPEndPoint(new IPAddress(row.Slice(24, 16), ReadDword(row, 40)), Port(row, 44));
            rows.Add(new SocketRow(SocketProtocol.Tcp, local, remote, state, Pid: Pid(row, 52, Tcp6TableName)));
        }
    }

    /// <summary>Appends the rows of a MIB_UDPTABLE_OWNER_PID (IPv4) to <paramref name="rows"/>.</summary>
    public static void DecodeUdp4(ReadOnlySpan<byte> table, List<SocketRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var count = RowCount(table, Udp4RowSize, Udp4TableName);
        for (var i = 0; i < count; i++)
        {
            var row = table.Slice(HeaderSize + (i * Udp4RowSize), Udp4RowSize);
            var local = new IPEndPoint(new IPAddress(row[..4]), Port(row, 4));
            rows.Add(new SocketRow(SocketProtocol.Udp, local, UnconnectedV4, null, Pid: Pid(row, 8, Udp4TableName)));
        }
    }

    /// <summary>Appends the rows of a MIB_UDP6TABLE_OWNER_PID to <paramref name="rows"/>.</summary>
    public static void DecodeUdp6(ReadOnlySpan<byte> table, List<SocketRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var count = RowCount(table, Udp6RowSize, Udp6TableName);
        for (var i = 0; i < count; i++)
        {
            var row = table.Slice(HeaderSize + (i * Udp6RowSize), Udp6RowSize);
            var local = new IPEndPoint(new IPAddress(row[..16], ReadDword(row, 16)), Port(row, 20));
            rows.Add(new SocketRow(SocketProtocol.Udp, local, UnconnectedV6, null, Pid: Pid(row, 24, Udp6TableName)));
        }
    }

    /// <summary>MIB_TCP_STATE (1 CLOSED … 12 DELETE_TCB) in Reach's vocabulary; anything else is Unknown, not an error.</summary>
    public static TcpSocketState State(uint mibTcpState) => mibTcpState switch
    {
        1 => TcpSocketState.Closed,
        2 => TcpSocketState.Listen,
        3 => TcpSocketState.SynSent,
        4 => TcpSocketState.SynReceived,
        5 => TcpSocketState.Established,
        6 => TcpSocketState.FinWait1,
        7 => TcpSocketState.FinWait2,
        8 => TcpSocketState.CloseWait,
        9 => TcpSocketState.Closing,
        10 => TcpSocketState.LastAck,
        11 => TcpSocketState.TimeWait,
        12 => TcpSocketState.DeleteTcb,
        _ => TcpSocketState.Unknown,
    };

    /// <summary>The row count the header claims, once the buffer is known to hold that many rows.</summary>
    private static int RowCount(ReadOnlySpan<byte> table, int rowSize, string tableName)
    {
        if (table.Length < HeaderSize)
        {
            throw new SocketTableException($"{tableName}: {table.Length} bytes, too short for its {HeaderSize}-byte dwNumEntries");
        }

        var count = BinaryPrimitives.ReadUInt32LittleEndian(table);
        var needed = HeaderSize + ((long)count * rowSize);
        if (needed > table.Length)
        {
            throw new SocketTableException(
                $"{tableName}: dwNumEntries says {count} rows of {rowSize} bytes ({needed} bytes with the header), but the buffer holds {table.Length} bytes");
        }

        return (int)count;
    }

    private static uint ReadDword(ReadOnlySpan<byte> row, int offset) => BinaryPrimitives.ReadUInt32LittleEndian(row[offset..]);

    private static int Port(ReadOnlySpan<byte> row, int offset) => BinaryPrimitives.ReadUInt16BigEndian(row[offset..]);

    private static int Pid(ReadOnlySpan<byte> row, int offset, string tableName)
    {
        var pid = ReadDword(row, offset);
        return pid <= int.MaxValue
            ? (int)pid
            : throw new SocketTableException($"{tableName}: dwOwningPid {pid} is out of range (corrupt table?)");
    }
}
