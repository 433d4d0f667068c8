using Reach.Monitoring.Hosting;

namespace Reach.Monitoring.Platform;

/// <summary>The one place where reach watch picks its per-OS implementations, once (as Reach.Core's PlatformServices does).</summary>
internal static class MonitoringPlatform
{
    public static IDataDirectory DataDirectory { get; } = CreateDataDirectory();

    public static IReloadSignal ReloadSignal { get; } = OperatingSystem.IsWindows() ? new WindowsReloadSignal() : new UnixReloadSignal();

    private static IDataDirectory CreateDataDirectory()
    {
        if (OperatingSystem.IsWindows())
        {
            return new WindowsDataDirectory();
        }

        if (OperatingSystem.IsLinux())
        {
            return new LinuxDataDirectory();
        }

        return OperatingSystem.IsMacOS() ? new MacOSDataDirectory() : new XdgDataDirectory();
    }
}
