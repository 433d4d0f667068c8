namespace Reach.Monitoring.Hosting;

/// <summary>Where reach watch keeps its store unless <c>--data</c> says otherwise.</summary>
public static class DataDirectories
{
    /// <summary>
    /// Linux as root (a service): /var/lib/reach. Otherwise the user's data folder: $XDG_DATA_HOME/reach or
    /// ~/.local/share/reach; macOS ~/Library/Application Support/reach; Windows %ProgramData%\reach.
    /// </summary>
    public static string Default()
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "reach");
        }

        if (Environment.UserName == "root" && OperatingSystem.IsLinux())
        {
            return "/var/lib/reach";
        }

        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "Library", "Application Support", "reach");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        return string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "reach")
            : Path.Combine(xdg, "reach");
    }
}
