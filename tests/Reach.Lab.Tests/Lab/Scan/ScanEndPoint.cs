using System.Net;

namespace Reach.Lab.Tests.Lab.Scan;

/// <summary>One address and port of a scan, comparable in sets (IPv6 compared as addresses, not as text).</summary>
public readonly record struct ScanEndPoint(IPAddress Address, int Port)
{
    /// <summary>By address (numerically), then by port: the order messages list endpoints in.</summary>
    public static IComparer<ScanEndPoint> Order { get; } = Comparer<ScanEndPoint>.Create((a, b) =>
    {
        var byAddress = IpRanges.ToNumber(a.Address).CompareTo(IpRanges.ToNumber(b.Address));
        return byAddress != 0 ? byAddress : a.Port.CompareTo(b.Port);
    });

    public override string ToString() => LabNetwork.EndPoint(Address.ToString(), Port);
}
