using System.Net;
using Reach.Sockets;
using static Reach.Core.Tests.Sockets.WindowsTableFixture;

namespace Reach.Core.Tests.Sockets;

/// <summary>Byte fixtures built from the documented MIB_*_OWNER_PID layouts (tcpmib.h, udpmib.h).</summary>
public class WindowsSocketTableDecoderTests
{
    private static readonly IPEndPoint AnyV4 = new(IPAddress.Any, 0);
    private static readonly IPEndPoint AnyV6 = new(IPAddress.IPv6Any, 0);

    private static IPEndPoint EndPoint(string address, int port) => new(IPAddress.Parse(address), port);

    [Theory]
    [InlineData(1u, TcpSocketState.Closed)]
    [InlineData(2u, TcpSocketState.Listen)]
    [InlineData(3u, TcpSocketState.SynSent)]
    [InlineData(4u, TcpSocketState.SynReceived)]
    [InlineData(5u, TcpSocketState.Established)]
    [InlineData(6u, TcpSocketState.FinWait1)]
    [InlineData(7u, TcpSocketState.FinWait2)]
    [InlineData(8u, TcpSocketState.CloseWait)]
    [InlineData(9u, TcpSocketState.Closing)]
    [InlineData(10u, TcpSocketState.LastAck)]
    [InlineData(11u, TcpSocketState.TimeWait)]
    [InlineData(12u, TcpSocketState.DeleteTcb)]
    [InlineData(0u, TcpSocketState.Unknown)]
    [InlineData(13u, TcpSocketState.Unknown)]
    [InlineData(0xFFFF_FFFFu, TcpSocketState.Unknown)]
    public void EveryMibTcpState_MapsOntoReachsState_InBothTables(uint mibState, TcpSocketState expected)
    {
        var v4 = Decode(Kind.Tcp4, Table(Tcp4Row(mibState, EndPoint("10.0.0.2", 50000), EndPoint("10.0.0.7", 443), 900)));
        var v6 = Decode(Kind.Tcp6, Table(Tcp6Row(mibState, EndPoint("2001:db8::2", 50000), EndPoint("2001:db8::7", 443), 900)));

        Assert.Equal(expected, Assert.Single(v4).State);
        Assert.Equal(expected, Assert.Single(v6).State);
    }

    [Fact]
    public void Tcp4_WildcardListener_HasNoRemoteEndPoint()
    {
        // The documented "no meaning" remote of a listener is filled with junk here to show it is not read.
        var table = Table(Tcp4Row(2, EndPoint("0.0.0.0", 445), EndPoint("1.2.3.4", 999), 4));

        var row = Assert.Single(Decode(Kind.Tcp4, table));

        Assert.Equal(new SocketRow(SocketProtocol.Tcp, EndPoint("0.0.0.0", 445), AnyV4, TcpSocketState.Listen, Pid: 4), row);
        Assert.Null(row.V6Only);
        Assert.Equal(0ul, row.Inode);
    }

    [Fact]
    public void Tcp4_LoopbackConnection_KeepsAddressesPortsAndPid()
    {
        var table = Table(
            Tcp4Row(5, EndPoint("127.0.0.1", 49712), EndPoint("127.0.0.1", 5432), 1234),
            Tcp4Row(5, EndPoint("127.0.0.1", 5432), EndPoint("127.0.0.1", 49712), 5678));

        var rows = Decode(Kind.Tcp4, table);

        Assert.Equal(
            [
                new SocketRow(SocketProtocol.Tcp, EndPoint("127.0.0.1", 49712), EndPoint("127.0.0.1", 5432), TcpSocketState.Established, Pid: 1234),
                new SocketRow(SocketProtocol.Tcp, EndPoint("127.0.0.1", 5432), EndPoint("127.0.0.1", 49712), TcpSocketState.Established, Pid: 5678),
            ],
            rows);
    }

    [Theory]
    [InlineData(Kind.Tcp4)]
    [InlineData(Kind.Tcp6)]
    [InlineData(Kind.Udp4)]
    [InlineData(Kind.Udp6)]
    public void Ports_AreBigEndianInTheLowWord_AndTheHighWordIsIgnored(Kind kind)
    {
        var v4 = kind is Kind.Tcp4 or Kind.Udp4;
        var local = EndPoint(v4 ? "192.168.1.10" : "fd00::10", 0x1F90); // 8080: bytes 1F 90
        var remote = EndPoint(v4 ? "192.168.1.20" : "fd00::20", 0xC350); // 50000: bytes C3 50
        var row = kind switch
        {
            Kind.Tcp4 => Tcp4Row(5, local, remote, 1, portJunk: 0xBEEF),
            Kind.Tcp6 => Tcp6Row(5, local, remote, 1, portJunk: 0xBEEF),
            Kind.Udp4 => Udp4Row(local, 1, portJunk: 0xBEEF),
            _ => Udp6Row(local, 1, portJunk: 0xBEEF),
        };

        var decoded = Assert.Single(Decode(kind, Table(row)));

        Assert.Equal(8080, decoded.Local.Port);
        if (kind is Kind.Tcp4 or Kind.Tcp6)
        {
            Assert.Equal(50000, decoded.Remote.Port);
        }
    }

    [Fact]
    public void Tcp6_LinkLocalConnection_CarriesScopeIds()
    {
        var local = new IPEndPoint(IPAddress.Parse("fe80::1%12"), 22);
        var remote = new IPEndPoint(IPAddress.Parse("fe80::2%12"), 50123);

        var row = Assert.Single(Decode(Kind.Tcp6, Table(Tcp6Row(5, local, remote, 2020))));

        Assert.Equal(12, row.Local.Address.ScopeId);
        Assert.Equal(12, row.Remote.Address.ScopeId);
        Assert.Equal(new SocketRow(SocketProtocol.Tcp, local, remote, TcpSocketState.Established, Pid: 2020), row);
    }

    [Fact]
    public void Tcp6_WildcardAndLoopbackListeners()
    {
        var table = Table(
            Tcp6Row(2, EndPoint("::", 80), EndPoint("::", 0), 4),
            Tcp6Row(2, EndPoint("::1", 9050), EndPoint("::", 0), 3100));

        var rows = Decode(Kind.Tcp6, table);

        Assert.Equal(
            [
                new SocketRow(SocketProtocol.Tcp, EndPoint("::", 80), AnyV6, TcpSocketState.Listen, Pid: 4),
                new SocketRow(SocketProtocol.Tcp, EndPoint("::1", 9050), AnyV6, TcpSocketState.Listen, Pid: 3100),
            ],
            rows);
        Assert.All(rows, r => Assert.Null(r.V6Only)); // Windows' tables do not say.
    }

    [Fact]
    public void Udp4_Rows_HaveNoStateAndAnUnconnectedRemote()
    {
        var table = Table(
            Udp4Row(EndPoint("0.0.0.0", 5353), 2456),
            Udp4Row(EndPoint("127.0.0.1", 1900), 7788),
            Udp4Row(EndPoint("192.168.1.10", 137), 4));

        var rows = Decode(Kind.Udp4, table);

        Assert.Equal(
            [
                new SocketRow(SocketProtocol.Udp, EndPoint("0.0.0.0", 5353), AnyV4, null, Pid: 2456),
                new SocketRow(SocketProtocol.Udp, EndPoint("127.0.0.1", 1900), AnyV4, null, Pid: 7788),
                new SocketRow(SocketProtocol.Udp, EndPoint("192.168.1.10", 137), AnyV4, null, Pid: 4),
            ],
            rows);
    }

    [Fact]
    public void Udp6_Rows_CarryScopeIds()
    {
        var linkLocal = new IPEndPoint(IPAddress.Parse("fe80::abcd%7"), 546);
        var table = Table(
            Udp6Row(EndPoint("::", 5355), 1500),
            Udp6Row(linkLocal, 1600),
            Udp6Row(EndPoint("::1", 53), 0));

        var rows = Decode(Kind.Udp6, table);

        Assert.Equal(
            [
                new SocketRow(SocketProtocol.Udp, EndPoint("::", 5355), AnyV6, null, Pid: 1500),
                new SocketRow(SocketProtocol.Udp, linkLocal, AnyV6, null, Pid: 1600),
                new SocketRow(SocketProtocol.Udp, EndPoint("::1", 53), AnyV6, null, Pid: 0),
            ],
            rows);
        Assert.Equal(7, rows[1].Local.Address.ScopeId);
    }

    [Theory]
    [InlineData(Kind.Tcp4)]
    [InlineData(Kind.Tcp6)]
    [InlineData(Kind.Udp4)]
    [InlineData(Kind.Udp6)]
    public void EmptyTable_GivesNoRows(Kind kind) => Assert.Empty(Decode(kind, Table()));

    [Theory]
    [InlineData(Kind.Tcp4)]
    [InlineData(Kind.Tcp6)]
    [InlineData(Kind.Udp4)]
    [InlineData(Kind.Udp6)]
    public void SlackAfterTheRows_IsIgnored(Kind kind)
    {
        // Reach decodes the whole buffer it gave Windows, which it makes larger than the table.
        var v4 = kind is Kind.Tcp4 or Kind.Udp4;
        var local = EndPoint(v4 ? "0.0.0.0" : "::", 7);
        var row = kind switch
        {
            Kind.Tcp4 => Tcp4Row(2, local, AnyV4, 9),
            Kind.Tcp6 => Tcp6Row(2, local, AnyV6, 9),
            Kind.Udp4 => Udp4Row(local, 9),
            _ => Udp6Row(local, 9),
        };
        var table = Table(row).Concat(Enumerable.Repeat((byte)0xAB, 100)).ToArray();

        Assert.Equal(local, Assert.Single(Decode(kind, table)).Local);
    }

    [Fact]
    public void Decode_AppendsToRowsAlreadyRead()
    {
        var rows = Decode(Kind.Tcp4, Table(Tcp4Row(2, EndPoint("0.0.0.0", 135), AnyV4, 1000)));
        WindowsSocketTableDecoder.DecodeUdp6(Table(Udp6Row(EndPoint("::", 500), 2000)), rows);

        Assert.Equal([SocketProtocol.Tcp, SocketProtocol.Udp], rows.Select(r => r.Protocol));
    }

    [Theory]
    [InlineData(Kind.Tcp4, "MIB_TCPTABLE_OWNER_PID", 24)]
    [InlineData(Kind.Tcp6, "MIB_TCP6TABLE_OWNER_PID", 56)]
    [InlineData(Kind.Udp4, "MIB_UDPTABLE_OWNER_PID", 12)]
    [InlineData(Kind.Udp6, "MIB_UDP6TABLE_OWNER_PID", 28)]
    public void TruncatedTable_IsASocketTableException_NamingTheTableAndTheNumbers(Kind kind, string tableName, int rowSize)
    {
        // dwNumEntries says 3, the buffer holds 2 rows.
        var twoRows = new byte[2 * rowSize];
        var table = Table(3, twoRows);

        var error = Assert.Throws<SocketTableException>(() => Decode(kind, table));

        Assert.Contains(tableName, error.Message, StringComparison.Ordinal);
        Assert.Contains("says 3 rows", error.Message, StringComparison.Ordinal);
        Assert.Contains($"({4 + (3 * rowSize)} bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains($"holds {4 + (2 * rowSize)} bytes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void BufferShorterThanTheHeader_IsASocketTableException(int length)
    {
        var error = Assert.Throws<SocketTableException>(() => Decode(Kind.Tcp6, new byte[length]));
        Assert.Contains("MIB_TCP6TABLE_OWNER_PID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeEntryCount_DoesNotOverflow()
    {
        var error = Assert.Throws<SocketTableException>(() => Decode(Kind.Tcp6, Table(uint.MaxValue)));
        Assert.Contains("says 4294967295 rows", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PidBeyondInt32_IsASocketTableException()
    {
        var table = Table(Udp4Row(EndPoint("0.0.0.0", 53), 0x8000_0000));

        var error = Assert.Throws<SocketTableException>(() => Decode(Kind.Udp4, table));

        Assert.Contains("dwOwningPid 2147483648", error.Message, StringComparison.Ordinal);
    }
}
