using System.Buffers.Binary;
using System.Net;
using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

/// <summary>
/// Builds the tables GetExtendedTcpTable / GetExtendedUdpTable return, field by field from the documented structures
/// (tcpmib.h, udpmib.h): a little-endian DWORD dwNumEntries, then the rows; DWORDs little-endian, addresses as their
/// network-order bytes, ports big-endian in the first two bytes of their DWORD, scope ids as host-order DWORDs.
/// Offsets are written out here on purpose, not taken from the decoder.
/// </summary>
public static class WindowsTableFixture
{
    public enum Kind
    {
        Tcp4,
        Tcp6,
        Udp4,
        Udp6,
    }

    /// <summary>MIB_TCP_STATE values (tcpmib.h).</summary>
    public static readonly IReadOnlyDictionary<TcpSocketState, uint> MibTcpState = new Dictionary<TcpSocketState, uint>
    {
        [TcpSocketState.Closed] = 1,
        [TcpSocketState.Listen] = 2,
        [TcpSocketState.SynSent] = 3,
        [TcpSocketState.SynReceived] = 4,
        [TcpSocketState.Established] = 5,
        [TcpSocketState.FinWait1] = 6,
        [TcpSocketState.FinWait2] = 7,
        [TcpSocketState.CloseWait] = 8,
        [TcpSocketState.Closing] = 9,
        [TcpSocketState.LastAck] = 10,
        [TcpSocketState.TimeWait] = 11,
        [TcpSocketState.DeleteTcb] = 12,
    };

    public static int RowSize(Kind kind) => kind switch
    {
        Kind.Tcp4 => 24,
        Kind.Tcp6 => 56,
        Kind.Udp4 => 12,
        _ => 28,
    };

    /// <summary>A table whose dwNumEntries matches its rows.</summary>
    public static byte[] Table(params byte[][] rows) => Table((uint)rows.Length, rows);

    /// <summary>A table whose dwNumEntries may claim more (or fewer) rows than it holds.</summary>
    public static byte[] Table(uint numEntries, params byte[][] rows)
    {
        var table = new byte[4 + rows.Sum(r => r.Length)];
        BinaryPrimitives.WriteUInt32LittleEndian(table, numEntries);
        var offset = 4;
        foreach (var row in rows)
        {
            row.CopyTo(table, offset);
            offset += row.Length;
        }

        return table;
    }

    /// <summary>MIB_TCPROW_OWNER_PID: dwState, dwLocalAddr, dwLocalPort, dwRemoteAddr, dwRemotePort, dwOwningPid.</summary>
    public static byte[] Tcp4Row(uint state, IPEndPoint local, IPEndPoint remote, uint pid, ushort portJunk = 0)
    {
        var row = new byte[24];
        Dword(row, 0, state);
        Address(row, 4, local.Address, 4);
        Port(row, 8, local.Port, portJunk);
        Address(row, 12, remote.Address, 4);
        Port(row, 16, remote.Port, portJunk);
        Dword(row, 20, pid);
        return row;
    }

    /// <summary>
    /// MIB_TCP6ROW_OWNER_PID: ucLocalAddr[16], dwLocalScopeId, dwLocalPort, ucRemoteAddr[16], dwRemoteScopeId,
    /// dwRemotePort, dwState, dwOwningPid.
    /// </summary>
    public static byte[] Tcp6Row(uint state, IPEndPoint local, IPEndPoint remote, uint pid, ushort portJunk = 0)
    {
        var row = new byte[56];
        Address(row, 0, local.Address, 16);
        Dword(row, 16, (uint)local.Address.ScopeId);
        Port(row, 20, local.Port, portJunk);
        Address(row, 24, remote.Address, 16);
        Dword(row, 40, (uint)remote.Address.ScopeId);
        Port(row, 44, remote.Port, portJunk);
        Dword(row, 48, state);
        Dword(row, 52, pid);
        return row;
    }

    /// <summary>MIB_UDPROW_OWNER_PID: dwLocalAddr, dwLocalPort, dwOwningPid.</summary>
    public static byte[] Udp4Row(IPEndPoint local, uint pid, ushort portJunk = 0)
    {
        var row = new byte[12];
        Address(row, 0, local.Address, 4);
        Port(row, 4, local.Port, portJunk);
        Dword(row, 8, pid);
        return row;
    }

    /// <summary>MIB_UDP6ROW_OWNER_PID: ucLocalAddr[16], dwLocalScopeId, dwLocalPort, dwOwningPid.</summary>
    public static byte[] Udp6Row(IPEndPoint local, uint pid, ushort portJunk = 0)
    {
        var row = new byte[28];
        Address(row, 0, local.Address, 16);
        Dword(row, 16, (uint)local.Address.ScopeId);
        Port(row, 20, local.Port, portJunk);
        Dword(row, 24, pid);
        return row;
    }

    /// <summary>The row as its table would hold it (the inverse of decoding).</summary>
    public static byte[] Encode(SocketRow row)
    {
        var pid = (uint)(row.Pid ?? 0);
        var v6 = row.Local.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        if (row.Protocol == SocketProtocol.Udp)
        {
            return v6 ? Udp6Row(row.Local, pid) : Udp4Row(row.Local, pid);
        }

        var state = MibTcpState[row.State!.Value];
        return v6 ? Tcp6Row(state, row.Local, row.Remote, pid) : Tcp4Row(state, row.Local, row.Remote, pid);
    }

    public static List<SocketRow> Decode(Kind kind, byte[] table)
    {
        var rows = new List<SocketRow>();
        switch (kind)
        {
            case Kind.Tcp4: WindowsSocketTableDecoder.DecodeTcp4(table, rows); break;
            case Kind.Tcp6: WindowsSocketTableDecoder.DecodeTcp6(table, rows); break;
            case Kind.Udp4: WindowsSocketTableDecoder.DecodeUdp4(table, rows); break;
            default: WindowsSocketTableDecoder.DecodeUdp6(table, rows); break;
        }

        return rows;
    }

    private static void Dword(byte[] row, int offset, uint value) => BinaryPrimitives.WriteUInt32LittleEndian(row.AsSpan(offset), value);

    private static void Address(byte[] row, int offset, IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        Assert.Equal(length, bytes.Length);
        bytes.CopyTo(row, offset);
    }

    /// <summary>The port in network order in the low 16 bits of its DWORD; the high 16 bits carry junk if asked.</summary>
    private static void Port(byte[] row, int offset, int port, ushort junk)
    {
        BinaryPrimitives.WriteUInt16BigEndian(row.AsSpan(offset), (ushort)port);
        BinaryPrimitives.WriteUInt16LittleEndian(row.AsSpan(offset + 2), junk);
    }
}
