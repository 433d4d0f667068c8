namespace Reach.Sockets.Baseline;

/// <summary>Baseline listeners in the order of <c>reach sockets</c>: protocol, port, address, process.</summary>
public sealed class ListenerOrder : IComparer<BaselineListener>
{
    public static ListenerOrder Instance { get; } = new();

    public int Compare(BaselineListener? x, BaselineListener? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var order = string.CompareOrdinal(x.Proto, y.Proto);
        if (order == 0)
        {
            order = x.Port.CompareTo(y.Port);
        }

        if (order == 0)
        {
            order = AddressOrder.Instance.Compare(Parse(x.Address), Parse(y.Address));
        }

        return order != 0 ? order : string.CompareOrdinal(x.Process, y.Process);
    }

    private static System.Net.IPAddress? Parse(string text) => System.Net.IPAddress.TryParse(text, out var address) ? address : null;
}
