using System.Net;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

/// <summary>Fixtures in the format of net/ipv4/tcp_ipv4.c, net/ipv6/tcp_ipv6.c and net/ipv4/udp.c (little-endian host).</summary>
public class ProcNetSocketParserTests
{
    private const string Tcp = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 22183 1 0000000000000000 100 0 0 10 0
           1: 0100007F:0CEA 0100007F:C350 01 00000000:00000000 00:00000000 00000000  1000        0 22190 1 0000000000000000 20 4 30 10 -1
           2: 0100007F:C351 0100007F:0CEA 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000

        """;

    private const string Tcp6 = """
          sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3001 1 0000000000000000 100 0 0 10 0
           1: AC5E00FD000000000000000002000000:01BB 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000    33        0 3002 1 0000000000000000 100 0 0 10 0
           2: 0000000000000000FFFF00000100007F:0050 0000000000000000FFFF00000100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 3003 1 0000000000000000 20 4 30 10 -1
        """;

    private const string Udp = """
           sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops
          512: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000   101        0 4001 2 0000000000000000 0
        """;

    [Fact]
    public void Parse_Tcp_ReadsHostOrderAddressesStatesUidsAndInodes()
    {
        var rows = new List<SocketRow>();

        ProcNetSocketParser.Parse(Tcp, SocketProtocol.Tcp, "/proc/net/tcp", rows);

        Assert.Equal(
            [
                new SocketRow(SocketProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, 3306), new IPEndPoint(IPAddress.Any, 0), TcpSocketState.Listen, 22183, null, 0),
                new SocketRow(SocketProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, 3306), new IPEndPoint(IPAddress.Loopback, 50000), TcpSocketState.Established, 22190, null, 1000),
                new SocketRow(SocketProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, 50001), new IPEndPoint(IPAddress.Loopback, 3306), TcpSocketState.TimeWait, 0, null, 0),
            ],
            rows);
    }

    [Fact]
    public void Parse_Tcp6_ReadsEachWordInHostOrder_AndLeavesV6OnlyUnknown()
    {
        var rows = new List<SocketRow>();

        ProcNetSocketParser.Parse(Tcp6, SocketProtocol.Tcp, "/proc/net/tcp6", rows);

        Assert.Equal(new IPEndPoint(IPAddress.IPv6Any, 80), rows[0].Local);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("fd00:5eac::2"), 443), rows[1].Local);
        Assert.Equal(33, rows[1].Uid);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), 80), rows[2].Local);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), 54321), rows[2].Remote);
        Assert.All(rows, row => Assert.Null(row.V6Only));
    }

    [Fact]
    public void Parse_Udp_HasNoState()
    {
        var rows = new List<SocketRow>();

        ProcNetSocketParser.Parse(Udp, SocketProtocol.Udp, "/proc/net/udp", rows);

        Assert.Equal(new SocketRow(SocketProtocol.Udp, new IPEndPoint(IPAddress.Any, 53), new IPEndPoint(IPAddress.Any, 0), null, 4001, null, 101), Assert.Single(rows));
    }

    [Theory]
    [InlineData("   0: 0100007F:0CEA 00000000:0000 0A", "line 2: 4 fields, expected at least 10")]
    [InlineData("   0: 0100007G:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1", "line 2: local address '0100007G' is not a number")]
    [InlineData("   0: 0100007F-0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1", "line 2: local address '0100007F-0CEA' is not hex ADDRESS:PORT")]
    [InlineData("   0: 0100007F:0CEA 0000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1", "line 2: remote address")]
    [InlineData("   0: 0100007F:0CEA 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1", "line 2: local and remote addresses of different families")]
    [InlineData("   0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000 -1 0 1", "line 2: uid '-1' is not a number")]
    [InlineData("   0: 0100007F:0CEA 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 x", "line 2: inode 'x' is not a number")]
    public void Parse_MalformedLine_NamesFileLineAndField(string line, string expected)
    {
        var text = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n" + line + "\n";

        var error = Assert.Throws<SocketTableException>(() => ProcNetSocketParser.Parse(text, SocketProtocol.Tcp, "/proc/net/tcp", new List<SocketRow>()));

        Assert.StartsWith("/proc/net/tcp " + expected, error.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 2000)]
    public void Parse_RandomText_OnlyEverThrowsSocketTableException(string text) =>
        ParseExpectingOnlySocketTableException(text ?? string.Empty);

    [Property(MaxTest = 2000)]
    public void Parse_ValidTextWithRandomCorruption_OnlyEverThrowsSocketTableException(NonEmptyArray<(int Position, char Value)> corruption)
    {
        var text = (Tcp + Tcp6).ToCharArray();
        foreach (var (position, value) in corruption.Get)
        {
            text[(int)((uint)position % (uint)text.Length)] = value;
        }

        ParseExpectingOnlySocketTableException(new string(text));
    }

    [Property]
    public Property Parse_RoundTripsAnyIpv4Row() => Prop.ForAll(
        Arb.From(
            from address in Gen.Choose(int.MinValue, int.MaxValue)
            from port in Gen.Choose(0, 65535)
            from state in Gen.Choose(1, 12)
            from uid in Gen.Choose(0, int.MaxValue)
            from inode in Gen.Choose(0, int.MaxValue)
            select (Address: (uint)address, Port: port, State: state, Uid: uid, Inode: inode)),
        r =>
        {
            var line = $"   0: {r.Address:X8}:{r.Port:X4} 00000000:0000 {r.State:X2} 00000000:00000000 00:00000000 00000000 {r.Uid} 0 {r.Inode} 1 0 100 0 0 10 0";
            var rows = new List<SocketRow>();
            ProcNetSocketParser.Parse(line, SocketProtocol.Tcp, "/proc/net/tcp", rows);
            var expected = new IPAddress(BitConverter.GetBytes(r.Address)); // host (little-endian) order
            return rows.Count == 1 && rows[0].Local.Equals(new IPEndPoint(expected, r.Port)) && rows[0].Uid == r.Uid && rows[0].Inode == (ulong)r.Inode;
        });

    private static void ParseExpectingOnlySocketTableException(string text)
    {
        try
        {
            ProcNetSocketParser.Parse(text, SocketProtocol.Tcp, "/proc/net/tcp", new List<SocketRow>());
        }
        catch (SocketTableException)
        {
            // a clear error is the expected outcome of garbage
        }
    }
}
