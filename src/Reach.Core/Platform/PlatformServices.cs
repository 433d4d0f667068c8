namespace Reach.Platform;

/// <summary>The one place where Reach picks its per-OS implementations, once, at start-up.</summary>
internal static class PlatformServices
{
    public static ISocketErrorQueue ErrorQueue { get; } =
        OperatingSystem.IsLinux() ? new LinuxSocketErrorQueue() : new NoSocketErrorQueue();

    public static IResourceLimits ResourceLimits { get; } = CreateResourceLimits();

    public static Scanning.Engine.IScanTransport ScanTransport { get; } =
        OperatingSystem.IsLinux() ? new Scanning.Engine.EpollScanTransport() : new Scanning.Engine.SocketAsyncScanTransport(ErrorQueue);

    public static IRouteTable RouteTable { get; } = CreateRouteTable();

    // Linux and Windows readers are added by their own files; every other OS gets the plain "not supported" message.
    public static Sockets.ISocketTable SocketTable { get; } =
        OperatingSystem.IsLinux() ? new Sockets.LinuxSocketTable()
        : new Sockets.UnsupportedSocketTable(System.Runtime.InteropServices.RuntimeInformation.OSDescription);

    private static IResourceLimits CreateResourceLimits() =>
        OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() ? new UnixResourceLimits() : new FixedResourceLimits(16384);

    private static IRouteTable CreateRouteTable()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxRouteTable();
        }

        return OperatingSystem.IsWindows() ? new WindowsRouteTable() : new NoRouteTable();
    }
}
