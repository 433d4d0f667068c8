using System.Diagnostics.CodeAnalysis;
using System.Runtime.Versioning;

namespace Reach.Cli.Infrastructure;

/// <summary>
/// Where watch, report and serve run. A NativeAOT process allocates the static fields of every type in its image
/// before Main: with the monitor's ASP.NET Core, SQLite, PostgreSQL and mail code beside the quick commands that was
/// 8,865 types and a third of every cold `reach check` (issue 13, item 29; docs/benchmarks.md). So the Linux publish
/// builds two images and ships them as one file: the quick commands, with the monitor's image appended
/// (<see cref="EmbeddedImageTrailer"/>). `reach watch|report|serve` runs that image in place of the process (same PID,
/// arguments, environment and descriptors), as if it had been started directly. Everywhere else (tests, `dotnet
/// run`, other platforms) the monitor runs in process.
/// </summary>
internal static partial class MonitorImage
{
    /// <summary>The feature switch the Linux publish turns off for the quick image (MonitorImage.targets).</summary>
    public const string InProcessSwitch = "Reach.Cli.MonitorInProcess";

    /// <summary>The commands that live in the monitor's image.</summary>
    public static readonly IReadOnlySet<string> Commands = new HashSet<string>(StringComparer.Ordinal) { "watch", "report", "serve" };

    /// <summary>
    /// Whether this image holds the monitor's commands. A constant to the NativeAOT compiler, which leaves the
    /// monitor's code out of the quick image.
    /// </summary>
    [FeatureSwitchDefinition(InProcessSwitch)]
    public static bool InProcess => !AppContext.TryGetSwitch(InProcessSwitch, out var inProcess) || inProcess;

    /// <summary>Whether the monitor runs from the image embedded in this binary (the Linux publish only).</summary>
    [SupportedOSPlatformGuard("linux")]
    public static bool Embedded => !InProcess;

    /// <summary>Whether <paramref name="args"/> name a command of the embedded monitor image.</summary>
    [SupportedOSPlatformGuard("linux")]
    public static bool Owns(string[] args) => Embedded && args.Length > 0 && Commands.Contains(args[0]);
}
