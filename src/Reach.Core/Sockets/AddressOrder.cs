using System.Net;
using System.Net.Sockets;

namespace Reach.Sockets;

/// <summary>Orders addresses IPv4 before IPv6, then by their bytes (numerically), the way people read them.</summary>
public sealed class AddressOrder : IComparer<IPAddress>
{
    public static AddressOrder Instance { get; } = new();

    public int Compare(IPAddress? x, IPAddress? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var family = Rank(x).CompareTo(Rank(y));
        if (family != 0)
        {
            return family;
        }

        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        x.TryWriteBytes(a, out var lengthA);
        y.TryWriteBytes(b, out var lengthB);
        var bytes = a[..lengthA].SequenceCompareTo(b[..lengthB]);
        // ScopeId throws for IPv4; only link-local IPv6 addresses carry one.
        return bytes != 0 || Rank(x) == 0 ? bytes : x.ScopeId.CompareTo(y.ScopeId);
    }

    private static int Rank(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork ? 0 : 1;
}
