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

    /// <summary>
    /// Whether <paramref name="args"/> name a command of the embedded full image: one of <see cref="Commands"/>, or a
    /// <c>reach check</c> that asks HTTP (<c>--http</c>, <c>--follow</c>, <c>--status</c>, a URL target, or a target
    /// file holding one): .NET's HTTP stack alone made every cold check a third slower, so it lives in the full image.
    /// </summary>
    [SupportedOSPlatformGuard("linux")]
    public static bool Owns(string[] args) =>
        Embedded && args.Length > 0 && (Array.IndexOf(Commands, args[0]) >= 0 || args[0] == "check" && CheckAsksHttp(args));

    internal static bool CheckAsksHttp(string[] args)
    {
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--http", StringComparison.Ordinal) || arg.StartsWith("--status", StringComparison.Ordinal) || arg == "--follow" || IsUrl(arg))
            {
                return true;
            }

            if ((arg is "-i" or "--input-file") && i + 1 < args.Length && FileHoldsUrl(args[i + 1]))
            {
                return true;
            }

            if (arg.StartsWith("--input-file=", StringComparison.Ordinal) && FileHoldsUrl(arg["--input-file=".Length..]))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsUrl(string text) =>
        text.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("https://", StringComparison.OrdinalIgnoreCase);

    /// <summary>A regular target file (a pipe cannot be read twice) that names a URL somewhere; bounded as target files are.</summary>
    private static bool FileHoldsUrl(string path)
    {
        try
        {
            // A link (/dev/stdin) counts by what it ends at; a pipe or FIFO has no length, so it is never read here.
            var file = new FileInfo(path);
            if (file.LinkTarget is not null)
            {
                file = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo;
            }

            if (file is not { Exists: true, Length: > 0 and <= 16 * 1024 * 1024 })
            {
                return false;
            }

            var text = File.ReadAllText(file.FullName);
            return text.Contains("http://", StringComparison.OrdinalIgnoreCase) || text.Contains("https://", StringComparison.OrdinalIgnoreCase);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false; // the check itself says what is wrong with the file
        }
    }
}
