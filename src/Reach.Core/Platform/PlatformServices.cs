using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Reach.External;
using Reach.Pinging;
using Reach.Routing;
using Reach.Scanning;
using Reach.Scanning.Engine;
using Reach.Sockets;
using Reach.Tracing;

namespace Reach.Platform;

/// <summary>
/// The one place where Reach picks its per-OS implementations, once, at start-up: only here does the core ask
/// <c>OperatingSystem.Is*</c> (constants to the NativeAOT compiler, so other OSes' code is left out of the binary).
/// </summary>
/// <remarks>
/// Where per-OS code lives: beside the feature it serves, as an interface in that feature's folder
/// (<c>Routing/IRouteTable.cs</c>) with one file per OS beside it (<c>RouteTable.Linux.cs</c>, <c>RouteTable.Windows.cs</c>,
/// <c>*.OSX.cs</c>, <c>*.Unix.cs</c>) and a fallback for other OSes. <c>Platform/</c> holds this chooser and only the OS
/// code several features share (Linux socket calls, the ICMP error queue). Reach.Monitoring and the CLI each have one
/// chooser of their own, built the same way (MonitoringPlatform, CliPlatform).
/// </remarks>
internal static class PlatformServices
{
    public static ISocketErrorQueue ErrorQueue { get; } =
        OperatingSystem.IsLinux() ? new LinuxSocketErrorQueue() : new NoSocketErrorQueue();

    public static IResourceLimits ResourceLimits { get; } = CreateResourceLimits();

    /// <summary>Linux connects on a raw descriptor without .NET's socket engine; elsewhere there is none: a Socket.</summary>
    public static ITimedConnect? TimedConnect { get; } = OperatingSystem.IsLinux() ? new LinuxTimedConnect() : null;

    public static IScanTransport ScanTransport { get; } =
        OperatingSystem.IsLinux() ? new EpollScanTransport() : new SocketAsyncScanTransport(ErrorQueue);

    public static IRouteTable RouteTable { get; } = CreateRouteTable();

    public static ISocketTable SocketTable { get; } = CreateSocketTable();

    public static ISocketConventions SocketConventions { get; } = CreateSocketConventions();

    public static ITracePlatform Trace { get; } = CreateTracePlatform();

    /// <summary>As root on Linux a packet socket sees the SYNs that arrive; elsewhere there is no watch.</summary>
    public static Func<IReadOnlyList<int>, ISynWatch?> StartSynWatch { get; } = CreateSynWatchStarter();

    private static IResourceLimits CreateResourceLimits()
    {
        if (OperatingSystem.IsLinux())
        {
            return UnixResourceLimits.ForLinux();
        }

        return OperatingSystem.IsMacOS() ? UnixResourceLimits.ForMacOS() : new FixedResourceLimits(16384);
    }

    // Each OS with a reader gets its branch; every other OS gets the plain "not supported" message.
    private static ISocketTable CreateSocketTable()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxSocketTable();
        }

        if (OperatingSystem.IsWindows())
        {
            return new WindowsSocketTable();
        }

        return new UnsupportedSocketTable(
            OperatingSystem.IsMacOS() ? "macOS" : RuntimeInformation.OSDescription);
    }

    private static ISocketConventions CreateSocketConventions()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxSocketConventions();
        }

        return OperatingSystem.IsWindows() ? new WindowsSocketConventions() : new UnknownSocketConventions();
    }

    private static Func<IReadOnlyList<int>, ISynWatch?> CreateSynWatchStarter()
    {
        if (OperatingSystem.IsLinux())
        {
            return StartLinuxSynWatch;
        }

        return _ => null;
    }

    [SupportedOSPlatform("linux")]
    private static ISynWatch? StartLinuxSynWatch(IReadOnlyList<int> ports) =>
        Environment.IsPrivilegedProcess ? PacketSynWatch.TryStart(ports) : null;

    private static ITracePlatform CreateTracePlatform()
    {
        if (OperatingSystem.IsLinux())
        {
            return new LinuxTracePlatform();
        }

        if (OperatingSystem.IsWindows())
        {
            return new WindowsTracePlatform();
        }

        return new UnsupportedTracePlatform(
            OperatingSystem.IsMacOS() ? "macOS" : RuntimeInformation.OSDescription);
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
