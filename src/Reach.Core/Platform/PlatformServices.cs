using Reach.Routing;
using Reach.Scanning;

namespace Reach.Platform;

/// <summary>The one place where Reach picks its per-OS implementations, once, at start-up.</summary>
internal static class PlatformServices
{
    public static ISocketErrorQueue ErrorQueue { get; } =
        OperatingSystem.IsLinux() ? new LinuxSocketErrorQueue() : new NoSocketErrorQueue();

    public static IResourceLimits ResourceLimits { get; } = CreateResourceLimits();

    /// <summary>Linux connects on a raw descriptor without .NET's socket engine; elsewhere there is none: a Socket.</summary>
    public static Pinging.ITimedConnect? TimedConnect { get; } = OperatingSystem.IsLinux() ? new Pinging.LinuxTimedConnect() : null;

    public static Scanning.Engine.IScanTransport ScanTransport { get; } =
        OperatingSystem.IsLinux() ? new Scanning.Engine.EpollScanTransport() : new Scanning.Engine.SocketAsyncScanTransport(ErrorQueue);

    public static IRouteTable RouteTable { get; } = CreateRouteTable();

    public static Sockets.ISocketTable SocketTable { get; } = CreateSocketTable();

    public static Sockets.ISocketConventions SocketConventions { get; } = CreateSocketConventions();

    public static Tracing.ITracePlatform Trace { get; } = CreateTracePlatform();

    /// <summary>As root on Linux a packet socket sees the SYNs that arrive; elsewhere there is no watch.</summary>
    public static Func<IReadOnlyList<int>, External.ISynWatch?> StartSynWatch { get; } = CreateSynWatchStarter();

    private static IResourceLimits CreateResourceLimits()
    {
        if (OperatingSystem.IsLinux())
        {
            return UnixResourceLimits.ForLinux();
        }

        return OperatingSystem.IsMacOS() ? UnixResourceLimits.ForMacOS() : new FixedResourceLimits(16384);
    }

    // Each OS with a reader gets its branch; every other OS gets the plain "not supported" message.
    private static Sockets.ISocketTable CreateSocketTable()
    {
        if (OperatingSystem.IsLinux())
        {
            return new Sockets.LinuxSocketTable();
        }

        if (OperatingSystem.IsWindows())
        {
            return new Sockets.WindowsSocketTable();
        }

        return new Sockets.UnsupportedSocketTable(
            OperatingSystem.IsMacOS() ? "macOS" : System.Runtime.InteropServices.RuntimeInformation.OSDescription);
    }

    private static Sockets.ISocketConventions CreateSocketConventions()
    {
        if (OperatingSystem.IsLinux())
        {
            return new Sockets.LinuxSocketConventions();
        }

        return OperatingSystem.IsWindows() ? new Sockets.WindowsSocketConventions() : new Sockets.UnknownSocketConventions();
    }

    private static Func<IReadOnlyList<int>, External.ISynWatch?> CreateSynWatchStarter()
    {
        if (OperatingSystem.IsLinux())
        {
            return StartLinuxSynWatch;
        }

        return _ => null;
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private static External.ISynWatch? StartLinuxSynWatch(IReadOnlyList<int> ports) =>
        Environment.IsPrivilegedProcess ? External.PacketSynWatch.TryStart(ports) : null;

    private static Tracing.ITracePlatform CreateTracePlatform()
    {
        if (OperatingSystem.IsLinux())
        {
            return new Tracing.LinuxTracePlatform();
        }

        if (OperatingSystem.IsWindows())
        {
            return new Tracing.WindowsTracePlatform();
        }

        return new Tracing.UnsupportedTracePlatform(
            OperatingSystem.IsMacOS() ? "macOS" : System.Runtime.InteropServices.RuntimeInformation.OSDescription);
    }

    private static IRouteTable CreateRouteTable()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxRouteTable();
        }

        return OperatingSystem.IsWindows() ? new WindowsRouteTable() : new NoRouteTable();
    }
}
