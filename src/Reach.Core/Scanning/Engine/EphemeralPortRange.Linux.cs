using System.Globalization;
using System.Runtime.Versioning;

namespace Reach.Scanning.Engine;

/// <summary>
/// The ports the kernel picks local ports from (<c>net.ipv4.ip_local_port_range</c>, per network namespace; it also
/// serves IPv6). A TCP self-connect needs the destination port to be one the kernel may pick, so a scan only checks
/// for one (a <c>getsockname</c> per open port) inside this range.
/// </summary>
internal static class EphemeralPortRange
{
    private const string Path = "/proc/sys/net/ipv4/ip_local_port_range";

    /// <summary>The range now; every port when it cannot be read (then every open port is checked).</summary>
    [SupportedOSPlatform("linux")]
    public static (int Low, int High) Read()
    {
        try
        {
            return TryParse(File.ReadAllText(Path), out var range) ? range : (1, 65535);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (1, 65535);
        }
    }

    /// <summary>Parses the file's "LOW\tHIGH" text.</summary>
    internal static bool TryParse(string text, out (int Low, int High) range)
    {
        range = default;
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var low)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var high)
            || low < 1 || high > 65535 || low > high)
        {
            return false;
        }

        range = (low, high);
        return true;
    }
}
