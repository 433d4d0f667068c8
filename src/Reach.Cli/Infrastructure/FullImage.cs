using System.Diagnostics.CodeAnalysis;
using System.Runtime.Versioning;

namespace Reach.Cli.Infrastructure;

/// <summary>
/// Where watch, report, serve and external run. A NativeAOT process allocates the static fields of every type in its
/// image before Main: with the monitor's and reflector's ASP.NET Core, SQLite, PostgreSQL, mail and HTTP code beside
/// the quick commands that was 8,865 types and a third of every cold `reach check` (issue 13, item 29;
/// docs/benchmarks.md). So the Linux publish builds two images and ships them as one file: the quick image (check,
/// scan, ping, wait, services, trace, sockets, who), with the full image, which holds every command, appended
/// (<see cref="EmbeddedImageTrailer"/>). `reach watch|report|serve|external` runs the full image in place of the
/// process (same PID, arguments, environment and descriptors), as if it had been started directly. Everywhere else
/// (tests, `dotnet run`, other platforms) there is one image, the full one.
/// </summary>
internal static partial class FullImage
{
    /// <summary>The feature switch the Linux publish turns off for the quick image (FullImage.targets).</summary>
    public const string Switch = "Reach.Cli.IsFullImage";

    /// <summary>The commands only the full image holds: services, and what needs HTTP and TLS.</summary>
    public static readonly string[] Commands = ["watch", "report", "serve", "external"];

    /// <summary>
    /// Whether this image holds every command. A constant to the NativeAOT compiler, which leaves the code of
    /// <see cref="Commands"/> out of the quick image.
    /// </summary>
    [FeatureSwitchDefinition(Switch)]
    public static bool IsThisImage => !AppContext.TryGetSwitch(Switch, out var full) || full;

    /// <summary>Whether the full image is embedded in this binary: this is the quick one (the Linux publish only).</summary>
    [SupportedOSPlatformGuard("linux")]
    public static bool Embedded => !IsThisImage;

    /// <summary>Whether <paramref name="args"/> name a command of the embedded full image.</summary>
    [SupportedOSPlatformGuard("linux")]
    public static bool Owns(string[] args) => Embedded && args.Length > 0 && Array.IndexOf(Commands, args[0]) >= 0;
}
