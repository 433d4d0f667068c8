using System.Runtime.Versioning;

namespace Reach.Monitoring.Hosting;

/// <summary>macOS: ~/Library/Application Support/reach.</summary>
[SupportedOSPlatform("macos")]
internal sealed class MacOSDataDirectory : IDataDirectory
{
    public string Default() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "Library", "Application Support", "reach");
}
