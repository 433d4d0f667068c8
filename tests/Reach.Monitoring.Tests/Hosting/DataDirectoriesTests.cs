using System.Runtime.Versioning;
using Reach.Monitoring.Hosting;
using Reach.Monitoring.Platform;

namespace Reach.Monitoring.Tests.Hosting;

/// <summary>Each OS's data folder from a given user and environment, and the chooser's pick on the OS the tests run on.</summary>
public sealed class DataDirectoriesTests
{
    private static readonly XdgDataDirectory UserWithoutXdg = new(_ => null, () => "/home/ada");

    [Theory]
    [InlineData(null, "/home/ada/.local/share/reach")]
    [InlineData("", "/home/ada/.local/share/reach")]
    [InlineData("/data/ada", "/data/ada/reach")]
    public void Xdg_IsUnderXdgDataHome_OrUnderTheHomeFolderWithoutIt(string? xdgDataHome, string expected)
    {
        var directory = new XdgDataDirectory(name => name == "XDG_DATA_HOME" ? xdgDataHome : null, () => "/home/ada");

        Assert.Equal(expected, directory.Default());
    }

    [Fact]
    [SupportedOSPlatform("linux")] // plain path logic: runs anywhere
    public void Linux_Root_IsAServiceWithItsDataInVarLib() =>
        Assert.Equal("/var/lib/reach", new LinuxDataDirectory(() => "root", UserWithoutXdg).Default());

    [Fact]
    [SupportedOSPlatform("linux")] // plain path logic: runs anywhere
    public void Linux_AnyOtherUser_KeepsItsDataInTheXdgFolder() =>
        Assert.Equal("/home/ada/.local/share/reach", new LinuxDataDirectory(() => "ada", UserWithoutXdg).Default());

    [Fact]
    [SupportedOSPlatform("linux")] // skips itself elsewhere
    public void Chooser_OnLinux_PicksLinux_AndDefaultAsksIt()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the Linux pick");

        Assert.IsType<LinuxDataDirectory>(MonitoringPlatform.DataDirectory);
        Assert.Equal(MonitoringPlatform.DataDirectory.Default(), DataDirectories.Default());
    }
}
