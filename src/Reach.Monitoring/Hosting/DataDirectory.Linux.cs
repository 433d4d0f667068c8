using System.Runtime.Versioning;

namespace Reach.Monitoring.Hosting;

/// <summary>Linux: /var/lib/reach as root (a service); any other user's reach keeps its data in the XDG data folder.</summary>
/// <param name="userName">This process's user, asked when the folder is.</param>
/// <param name="userDirectory">The folder of a user other than root.</param>
[SupportedOSPlatform("linux")]
internal sealed class LinuxDataDirectory(Func<string> userName, XdgDataDirectory userDirectory) : IDataDirectory
{
    public const string ServiceDirectory = "/var/lib/reach";

    public LinuxDataDirectory()
        : this(static () => Environment.UserName, new XdgDataDirectory())
    {
    }

    public string Default() => userName() == "root" ? ServiceDirectory : userDirectory.Default();
}
