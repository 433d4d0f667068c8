using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Reach.Sockets;
using static Reach.Core.Tests.Sockets.WindowsTableFixture;

namespace Reach.Core.Tests.Sockets;

public class WindowsSocketTableDecoderProperties
{
    private static readonly Gen<Kind> Kinds = Gen.Elements(Kind.Tcp4, Kind.Tcp6, Kind.Udp4, Kind.Udp6);

    private static readonly Gen<byte> Bytes = Gen.Choose(0, 255).Select(b => (byte)b);

    private static readonly Gen<uint> UInts = Gen.ArrayOf(Bytes, 4).Select(b => BitConverter.ToUInt32(b));

    private static readonly Gen<int> Ports = Gen.Choose(0, 65535);

    private static readonly Gen<int> Pids = Gen.OneOf(Gen.Elements(0, 4, int.MaxValue), Gen.Choose(0, int.MaxValue));

    private static readonly Gen<IPAddress> V4Addresses = Gen.OneOf(
        Gen.Elements(IPAddress.Any, IPAddress.Loopback),
        Gen.ArrayOf(Bytes, 4).Select(b => new IPAddress(b)));

    private static readonly Gen<IPAddress> V6Addresses = Gen.OneOf(
        Gen.Elements(IPAddress.IPv6Any, IPAddress.IPv6Loopback),
        from bytes in Gen.ArrayOf(Bytes, 16)
        from scope in Gen.OneOf(Gen.Constant(0u), UInts)
        select new IPAddress(bytes, scope));

    private static readonly Gen<TcpSocketState> States = Gen.Elements(MibTcpState.Keys.ToArray());

    /// <summary>Rows as they can come out of one table: same protocol and family throughout.</summary>
    private static Gen<SocketRow[]> Rows(Kind kind)
    {
        var addresses = kind is Kind.Tcp4 or Kind.Udp4 ? V4Addresses : V6Addresses;
        var unconnected = new IPEndPoint(kind is Kind.Tcp4 or Kind.Udp4 ? IPAddress.Any : IPAddress.IPv6Any, 0);
        var row =
            from localAddress in addresses
            from localPort in Ports
            from remoteAddress in addresses
            from remotePort in Ports
            from state in States
            from pid in Pids
            let local = new IPEndPoint(localAddress, localPort)
            select kind is Kind.Udp4 or Kind.Udp6
                ? new SocketRow(SocketProtocol.Udp, local, unconnected, null, Pid: pid)
                // A listener's remote endpoint has no meaning in the table; the decoder reports it as unconnected.
                : new SocketRow(SocketProtocol.Tcp, local, state == TcpSocketState.Listen ? unconnected : new IPEndPoint(remoteAddress, remotePort), state, Pid: pid);
        return Gen.Choose(0, 20).SelectMany(n => Gen.ArrayOf(row, n));
    }

    [FsCheck.Xunit.Property]
    public Property EncodedRows_DecodeToTheSameRows() => Prop.ForAll(
        Arb.From(from kind in Kinds from rows in Rows(kind) select (kind, rows)),
        sample =>
        {
            var table = Table(sample.rows.Select(Encode).ToArray());
            return Decode(sample.kind, table).SequenceEqual(sample.rows);
        });

    [FsCheck.Xunit.Property]
    public Property RandomBuffers_OnlyEverThrowSocketTableException() => Prop.ForAll(
        Arb.From(
            from kind in Kinds
            // Mostly small entry counts, so the rows are decoded, not only the header rejected.
            from count in Gen.OneOf(Gen.Choose(0, 6).Select(c => (uint)c), UInts)
            from body in Gen.Choose(0, 400).SelectMany(n => Gen.ArrayOf(Bytes, n))
            from cut in Gen.Choose(0, 4)
            select (kind, table: Table(count, body)[cut..])),
        sample =>
        {
            try
            {
                Decode(sample.kind, sample.table);
            }
            catch (SocketTableException)
            {
            }
        });
}
