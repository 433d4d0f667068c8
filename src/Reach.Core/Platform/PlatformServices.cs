namespace Reach.Platform;

/// <summary>The one place where Reach picks its per-OS implementations, once, at start-up.</summary>
internal static class PlatformServices
{
    public static ISocketErrorQueue ErrorQueue { get; } =
        OperatingSystem.IsLinux() ? new LinuxSocketErrorQueue() : new NoSocketErrorQueue();

    public static IRouteTable RouteTable { get; } =
        OperatingSystem.IsLinux() ? new LinuxRouteTable() : new NoRouteTable();
}
