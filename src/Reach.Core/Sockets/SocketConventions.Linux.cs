using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Reach.Sockets;

/// <summary>
/// Linux: tools write an IPv6 zone as the interface's name (<c>fe80::50%eth0</c>: ss, ip, ping), so reach does too;
/// new sockets are dual-stack unless <c>/proc/sys/net/ipv6/bindv6only</c> says otherwise.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxSocketConventions : ISocketConventions
{
    private const string V6OnlySetting = "/proc/sys/net/ipv6/bindv6only";

    public unsafe string? InterfaceName(long index)
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

    public bool? DefaultV6Only()
    {
        try
        {
            return int.TryParse(File.ReadAllText(V6OnlySetting).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value != 0
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
