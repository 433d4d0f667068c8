using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Reach.Sockets;

/// <summary>
/// The order of <see cref="SocketViewOrder"/> as one precomputed value per socket: 20,000 sockets are sorted in
/// about 300,000 comparisons, and turning addresses into bytes in each was the largest user-time cost of
/// <c>reach sockets --json</c>.
/// </summary>
internal readonly record struct SocketSortKey(
    SocketProtocol Protocol,
    int LocalPort,
    int LocalFamily,
    UInt128 LocalAddress,
    int RemoteFamily,
    UInt128 RemoteAddress,
    int RemotePort,
    int Pid,
    long LocalScope) : IComparable<SocketSortKey>
{
    public static SocketSortKey For(SocketView view)
    {
        var row = view.Row;
        var (localFamily, local) = AddressKey(row.Local.Address);
        var (remoteFamily, remote) = AddressKey(row.Remote.Address);
        return new SocketSortKey(row.Protocol, row.Local.Port, localFamily, local, remoteFamily, remote, row.Remote.Port, view.Entry.Pid ?? -1,
            localFamily == 0 ? 0 : row.Local.Address.ScopeId);
    }

    public int CompareTo(SocketSortKey other)
    {
        var order = Protocol.CompareTo(other.Protocol);
        if (order == 0)
        {
            order = LocalPort.CompareTo(other.LocalPort);
        }

        if (order == 0)
        {
            order = LocalFamily.CompareTo(other.LocalFamily);
        }

        if (order == 0)
        {
            order = LocalAddress.CompareTo(other.LocalAddress);
        }

        if (order == 0)
        {
            order = RemoteFamily.CompareTo(other.RemoteFamily);
        }

        if (order == 0)
        {
            order = RemoteAddress.CompareTo(other.RemoteAddress);
        }

        if (order == 0)
        {
            order = RemotePort.CompareTo(other.RemotePort);
        }

        if (order == 0)
        {
            order = Pid.CompareTo(other.Pid);
        }

        return order != 0 ? order : LocalScope.CompareTo(other.LocalScope);
    }

    /// <summary>IPv4 before IPv6, then the address bytes as one big-endian number (as <see cref="AddressOrder"/>).</summary>
    private static (int Family, UInt128 Value) AddressKey(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        return address.AddressFamily == AddressFamily.InterNetwork
            ? (0, BinaryPrimitives.ReadUInt32BigEndian(bytes[..length]))
            : (1, BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }
}
