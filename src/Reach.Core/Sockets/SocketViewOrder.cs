namespace Reach.Sockets;

/// <summary>
/// The order of <c>reach sockets</c>: protocol (tcp, udp), local port, local address, then remote address and port,
/// then the (lowest) owner PID, so two runs over the same table print the same lines in the same order.
/// </summary>
public sealed class SocketViewOrder : IComparer<SocketView>
{
    public static SocketViewOrder Instance { get; } = new();

    public int Compare(SocketView? x, SocketView? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var a = x.Row;
        var b = y.Row;
        var order = a.Protocol.CompareTo(b.Protocol);
        if (order == 0)
        {
            order = a.Local.Port.CompareTo(b.Local.Port);
        }

        if (order == 0)
        {
            order = AddressOrder.Instance.Compare(a.Local.Address, b.Local.Address);
        }

        if (order == 0)
        {
            order = AddressOrder.Instance.Compare(a.Remote.Address, b.Remote.Address);
        }

        if (order == 0)
        {
            order = a.Remote.Port.CompareTo(b.Remote.Port);
        }

        return order != 0 ? order : (x.Entry.Pid ?? -1).CompareTo(y.Entry.Pid ?? -1);
    }
}
