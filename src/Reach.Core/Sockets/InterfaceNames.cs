using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Reach.Sockets;

/// <summary>
/// Names network interfaces by index, for IPv6 zones (scope ids): Linux tools write <c>fe80::50%eth0</c> (ss, ip,
/// ping), so reach does too. Windows tools write the number (<c>fe80::50%3</c>, as netstat and ping do), and so does
/// reach there.
/// </summary>
internal static class InterfaceNames
{
    /// <summary>The interface's name, looked up now; null where zones are numbers, or when no interface has the index.</summary>
    public static string? Of(long index) => OperatingSystem.IsLinux() ? Linux(index) : null;

    [SupportedOSPlatform("linux")]
    private static unsafe string? Linux(long index)
    {
        if (index is <= 0 or > uint.MaxValue)
        {
            return null;
        }

        var name = stackalloc byte[SocketTableInterop.InterfaceNameSize];
        return SocketTableInterop.IfIndexToName((uint)index, name) == null
            ? null
            : Marshal.PtrToStringUTF8((nint)name);
    }
}
