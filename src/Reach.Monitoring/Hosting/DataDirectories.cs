using Reach.Monitoring.Platform;

namespace Reach.Monitoring.Hosting;

/// <summary>Where reach watch keeps its store unless <c>--data</c> says otherwise.</summary>
internal static class DataDirectories
{
    /// <summary>
    /// Linux as root (a service): /var/lib/reach. Otherwise the user's data folder: $XDG_DATA_HOME/reach or
    /// ~/.local/share/reach; macOS ~/Library/Application Support/reach; Windows %ProgramData%\reach
    /// (<see cref="IDataDirectory"/>, one per OS).
    /// </summary>
    public static string Default() => MonitoringPlatform.DataDirectory.Default();
}
