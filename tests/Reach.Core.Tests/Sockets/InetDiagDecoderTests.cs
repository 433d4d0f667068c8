using System.Net;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Reach.Sockets;
using static Reach.Core.Tests.Sockets.NetlinkFixture;

namespace Reach.Core.Tests.Sockets;

/// <summary>Fixtures built from linux/netlink.h and linux/inet_diag.h (see <see cref="NetlinkFixture"/>).</summary>
public class InetDiagDecoderTests
{
    private static readonly IPEndPoint AnyV4 = new(IPAddress.Any, 0);
    private static readonly IPEndPoint AnyV6 = new(IPAddress.IPv6Any, 0);

    [Fact]
    public void Decode_Ipv4Listener_PortsAreBigEndianAndStateIsListen()
    {
        var rows = new List<SocketRow>();

        var batch = InetDiagDecoder.Decode(Socket(new IPEndPoint(IPAddress.Loopback, 8443), AnyV4, state: 10, uid: 33, inode: 987654), SocketProtocol.Tcp, 1, rows);

        Assert.Equal(new InetDiagBatch(false, 0), batch);
        var row = Assert.Single(rows);
        Assert.Equal(new SocketRow(SocketProtocol.Tcp, new IPEndPoint(IPAddress.Loopback, 8443), AnyV4, TcpSocketState.Listen, 987654, null, 33, null), row);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Decode_Ipv6Listener_ReadsSkV6Only(bool v6Only)
    {
        var rows = new List<SocketRow>();

        InetDiagDecoder.Decode(Socket(new IPEndPoint(IPAddress.IPv6Any, 80), AnyV6, state: 10, v6Only: v6Only), SocketProtocol.Tcp, 1, rows);

        Assert.Equal(v6Only, Assert.Single(rows).V6Only);
    }

    [Fact]
    public void Decode_Ipv6WithoutTheAttribute_V6OnlyIsUnknown()
    {
        var rows = new List<SocketRow>();
        var local = new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), 80);
        var remote = new IPEndPoint(IPAddress.Parse("::ffff:127.0.0.1"), 50000);

        InetDiagDecoder.Decode(Socket(local, remote, state: 1), SocketProtocol.Tcp, 1, rows);

        var row = Assert.Single(rows);
        Assert.Null(row.V6Only);
        Assert.True(row.Local.Address.IsIPv4MappedToIPv6); // kept as the IPv6 socket it is
        Assert.Equal(local, row.Local);
        Assert.Equal(remote, row.Remote);
        Assert.Equal(TcpSocketState.Established, row.State);
    }

    [Fact]
    public void Decode_LinkLocalAddress_TakesTheInterfaceAsScope()
    {
        var rows = new List<SocketRow>();

        InetDiagDecoder.Decode(Socket(new IPEndPoint(IPAddress.Parse("fe80::1"), 22), AnyV6, state: 10, v6Only: true, interfaceIndex: 3), SocketProtocol.Tcp, 1, rows);

        Assert.Equal(3, Assert.Single(rows).Local.Address.ScopeId);
    }

    [Fact]
    public void Decode_Udp_HasNoState()
    {
        var rows = new List<SocketRow>();

        InetDiagDecoder.Decode(Socket(new IPEndPoint(IPAddress.Any, 53), AnyV4, state: 7), SocketProtocol.Udp, 1, rows);

        var row = Assert.Single(rows);
        Assert.Equal(SocketProtocol.Udp, row.Protocol);
        Assert.Null(row.State);
    }

    [Theory]
    [InlineData(1, TcpSocketState.Established)]
    [InlineData(2, TcpSocketState.SynSent)]
    [InlineData(3, TcpSocketState.SynReceived)]
    [InlineData(4, TcpSocketState.FinWait1)]
    [InlineData(5, TcpSocketState.FinWait2)]
    [InlineData(6, TcpSocketState.TimeWait)]
    [InlineData(7, TcpSocketState.Closed)]
    [InlineData(8, TcpSocketState.CloseWait)]
    [InlineData(9, TcpSocketState.LastAck)]
    [InlineData(10, TcpSocketState.Listen)]
    [InlineData(11, TcpSocketState.Closing)]
    [InlineData(12, TcpSocketState.SynReceived)] // TCP_NEW_SYN_RECV, a request socket
    [InlineData(13, TcpSocketState.Unknown)]
    [InlineData(0, TcpSocketState.Unknown)]
    public void Decode_MapsEveryLinuxTcpState(byte linuxState, TcpSocketState expected)
    {
        var rows = new List<SocketRow>();

        InetDiagDecoder.Decode(Socket(new IPEndPoint(IPAddress.Loopback, 1), AnyV4, linuxState), SocketProtocol.Tcp, 1, rows);

        Assert.Equal(expected, Assert.Single(rows).State);
    }

    [Fact]
    public void Decode_SeveralMessagesThenDone_ReadsAllAndStops()
    {
        var rows = new List<SocketRow>();
        var datagram = Concat(
            Socket(new IPEndPoint(IPAddress.Loopback, 1), AnyV4, 10),
            Socket(new IPEndPoint(IPAddress.Loopback, 2), AnyV4, 10),
            DoneMessage(),
            Socket(new IPEndPoint(IPAddress.Loopback, 3), AnyV4, 10)); // after DONE: not part of this dump

        var batch = InetDiagDecoder.Decode(datagram, SocketProtocol.Tcp, 1, rows);

        Assert.Equal(new InetDiagBatch(true, 0), batch);
        Assert.Equal([1, 2], rows.Select(r => r.Local.Port));
    }

    [Fact]
    public void Decode_MultiPartDump_ContinuesUntilDone()
    {
        var rows = new List<SocketRow>();

        var first = InetDiagDecoder.Decode(Socket(new IPEndPoint(IPAddress.Loopback, 1), AnyV4, 10), SocketProtocol.Tcp, 1, rows);
        var second = InetDiagDecoder.Decode(Concat(Socket(new IPEndPoint(IPAddress.Loopback, 2), AnyV4, 10), DoneMessage()), SocketProtocol.Tcp, 1, rows);

        Assert.False(first.Done);
        Assert.True(second.Done);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void Decode_MessagesOfAnotherRequest_AreSkipped()
    {
        var rows = new List<SocketRow>();

        var batch = InetDiagDecoder.Decode(
            Concat(Socket(new IPEndPoint(IPAddress.Loopback, 1), AnyV4, 10, sequence: 7), DoneMessage(sequence: 7)),
            SocketProtocol.Tcp,
            8,
            rows);

        Assert.Empty(rows);
        Assert.False(batch.Done);
    }

    [Theory]
    [InlineData(-2, 2)] // ENOENT: udp_diag not loaded
    [InlineData(-1, 1)] // EPERM
    public void Decode_NlmsgError_EndsWithTheErrno(int error, int errno)
    {
        var batch = InetDiagDecoder.Decode(ErrorMessage(error), SocketProtocol.Udp, 1, new List<SocketRow>());

        Assert.Equal(new InetDiagBatch(true, errno), batch);
    }

    [Fact]
    public void Decode_DoneWithAnError_ReportsIt()
    {
        Assert.Equal(new InetDiagBatch(true, 16), InetDiagDecoder.Decode(DoneMessage(-16), SocketProtocol.Tcp, 1, new List<SocketRow>()));
    }

    [Fact]
    public void Decode_TruncatedMessage_NamesTheProblem()
    {
        var whole = Socket(new IPEndPoint(IPAddress.Loopback, 1), AnyV4, 10);

        var error = Assert.Throws<SocketTableException>(() => InetDiagDecoder.Decode(whole.AsSpan(0, 50), SocketProtocol.Tcp, 1, new List<SocketRow>()));

        Assert.Contains("netlink message length 88 does not fit the 50 bytes left", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_ShortInetDiagMsg_NamesTheProblem()
    {
        var message = Message(SockDiagByFamily, new byte[40], 1, 2);

        var error = Assert.Throws<SocketTableException>(() => InetDiagDecoder.Decode(message, SocketProtocol.Tcp, 1, new List<SocketRow>()));

        Assert.Contains("inet_diag_msg of 40 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UnknownFamily_NamesIt()
    {
        var message = Socket(new IPEndPoint(IPAddress.Loopback, 1), AnyV4, 10);
        message[16] = 1; // AF_UNIX

        var error = Assert.Throws<SocketTableException>(() => InetDiagDecoder.Decode(message, SocketProtocol.Tcp, 1, new List<SocketRow>()));

        Assert.Contains("address family 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_AttributeLongerThanTheMessage_NamesIt()
    {
        var message = Socket(new IPEndPoint(IPAddress.IPv6Loopback, 1), AnyV6, 10, v6Only: true);
        message[16 + 72] = 200; // rta_len

        var error = Assert.Throws<SocketTableException>(() => InetDiagDecoder.Decode(message, SocketProtocol.Tcp, 1, new List<SocketRow>()));

        Assert.Contains("attribute of type 11 with length 200", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_EveryTruncationOfAValidDatagram_FailsCleanly()
    {
        var datagram = Concat(Socket(new IPEndPoint(IPAddress.IPv6Loopback, 1), AnyV6, 10, v6Only: false), DoneMessage());

        var refused = 0;
        for (var length = 1; length < datagram.Length; length++)
        {
            var rows = new List<SocketRow>();
            try
            {
                InetDiagDecoder.Decode(datagram.AsSpan(0, length), SocketProtocol.Tcp, 1, rows);
                Assert.True(rows.Count <= 1, $"a cut at {length} bytes decoded {rows.Count} rows from one socket");
            }
            catch (SocketTableException)
            {
                refused++; // most cuts; a cut at a message boundary decodes what is whole
            }
        }

        Assert.InRange(refused, 1, datagram.Length - 2);
    }

    [Property(MaxTest = 2000)]
    public void Decode_RandomBytes_OnlyEverThrowsSocketTableException(byte[] datagram) =>
        DecodeExpectingOnlySocketTableException(datagram);

    [Property(MaxTest = 2000)]
    public void Decode_ValidDatagramWithRandomCorruption_OnlyEverThrowsSocketTableException(NonEmptyArray<(int Position, byte Value)> corruption, bool ipv6)
    {
        var local = ipv6 ? new IPEndPoint(IPAddress.IPv6Loopback, 80) : new IPEndPoint(IPAddress.Loopback, 80);
        var datagram = Concat(Socket(local, ipv6 ? AnyV6 : AnyV4, 10, v6Only: ipv6 ? true : null), Socket(local, ipv6 ? AnyV6 : AnyV4, 1), DoneMessage());
        foreach (var (position, value) in corruption.Get)
        {
            datagram[(int)((uint)position % (uint)datagram.Length)] = value;
        }

        DecodeExpectingOnlySocketTableException(datagram);
    }

    [Property]
    public Property Decode_RoundTripsAnyRow() => Prop.ForAll(
        Arb.From(RowGenerator()),
        row =>
        {
            var rows = new List<SocketRow>();
            var state = (byte)(row.State is null ? 7 : 10);
            InetDiagDecoder.Decode(
                Concat(Socket(row.Local, row.Remote, state, (uint)row.Uid!.Value, (uint)row.Inode, row.V6Only), DoneMessage()),
                row.Protocol,
                1,
                rows);
            return rows.Count == 1 && rows[0] == row;
        });

    private static Gen<SocketRow> RowGenerator() =>
        from ipv6 in Gen.Elements(false, true)
        from udp in Gen.Elements(false, true)
        from localBytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), ipv6 ? 16 : 4)
        from remoteBytes in Gen.ArrayOf(ArbMap.Default.GeneratorFor<byte>(), ipv6 ? 16 : 4)
        from localPort in Gen.Choose(0, 65535)
        from remotePort in Gen.Choose(0, 65535)
        from uid in Gen.Choose(0, int.MaxValue)
        from inode in Gen.Choose(0, int.MaxValue)
        from v6Only in Gen.Elements(true, false)
        let local = NoLinkLocal(localBytes)
        let remote = NoLinkLocal(remoteBytes)
        select new SocketRow(
            udp ? SocketProtocol.Udp : SocketProtocol.Tcp,
            new IPEndPoint(local, localPort),
            new IPEndPoint(remote, remotePort),
            udp ? null : TcpSocketState.Listen,
            (ulong)inode,
            null,
            uid,
            ipv6 ? v6Only : null);

    /// <summary>Link-local IPv6 addresses take the interface index as scope: keep the generated ones global.</summary>
    private static IPAddress NoLinkLocal(byte[] bytes)
    {
        if (bytes.Length == 16 && bytes[0] == 0xfe)
        {
            bytes[0] = 0xfd;
        }

        return new IPAddress(bytes);
    }

    private static void DecodeExpectingOnlySocketTableException(byte[] datagram)
    {
        try
        {
            InetDiagDecoder.Decode(datagram, SocketProtocol.Tcp, 1, new List<SocketRow>());
        }
        catch (SocketTableException)
        {
            // a clear error is the expected outcome of garbage
        }
    }
}
