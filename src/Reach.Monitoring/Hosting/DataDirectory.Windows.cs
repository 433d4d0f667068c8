using System.Runtime.Versioning;

namespace Reach.Monitoring.Hosting;

/// <summary>Windows: %ProgramData%\reach.</summary>
[SupportedOSPlatform("windows")]
internal sealed class WindowsDataDirectory : IDataDirectory
{
    public string Default() => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "reach");
}
