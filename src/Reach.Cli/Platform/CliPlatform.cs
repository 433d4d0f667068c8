using Reach.Cli.Infrastructure;
using Reach.Cli.Rendering.Sockets;

namespace Reach.Cli.Platform;

/// <summary>The one place where the CLI picks its per-OS implementations, once (as Reach.Core's PlatformServices does).</summary>
internal static class CliPlatform
{
    public static IStandardOutput StandardOutput { get; } = OperatingSystem.IsWindows() ? new WindowsStandardOutput() : new UnixStandardOutput();

    public static IPrivilegeHint PrivilegeHint { get; } = OperatingSystem.IsWindows() ? new WindowsPrivilegeHint() : new UnixPrivilegeHint();
}
