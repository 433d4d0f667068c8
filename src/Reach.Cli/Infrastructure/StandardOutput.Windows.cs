using System.Runtime.Versioning;

namespace Reach.Cli.Infrastructure;

/// <summary>Windows: the console's writer, redirected or not (descriptor 1 is a Unix notion).</summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsStandardOutput : IStandardOutput
{
    public TextWriter Open() => Console.Out;
}
