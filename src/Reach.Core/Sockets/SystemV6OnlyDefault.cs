using System.Globalization;

namespace Reach.Sockets;

/// <summary>
/// The system's default IPV6_V6ONLY for new sockets: a guess for tables that do not carry each socket's own flag.
/// Linux: <c>/proc/sys/net/ipv6/bindv6only</c> (0 = dual-stack); Windows: on (its sockets are IPv6-only unless the
/// program turns it off); elsewhere unknown.
/// </summary>
public static class SystemV6OnlyDefault
{
    private const string LinuxSetting = "/proc/sys/net/ipv6/bindv6only";

    public static bool? Read()
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            return int.TryParse(File.ReadAllText(LinuxSetting).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value != 0
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
