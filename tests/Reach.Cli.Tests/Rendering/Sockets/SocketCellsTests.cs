using System.Runtime.Versioning;
using Reach.Cli.Infrastructure;
using Reach.Cli.Platform;
using Reach.Cli.Rendering.Sockets;

namespace Reach.Cli.Tests.Rendering.Sockets;

/// <summary>The hidden-owners hint in each OS's words (plain text, so both run everywhere), and the chooser's pick.</summary>
public sealed class SocketCellsTests
{
    [Fact]
    public void HiddenOwnersHint_OnUnix_AsksForRootThroughSudo() => Assert.Equal(
        "reach: some owners are hidden: run as root (sudo reach who 5353) to see them",
        SocketCells.HiddenOwnersHint("reach who 5353", new UnixPrivilegeHint()));

    [Fact]
    public void HiddenOwnersHint_OnWindows_AsksForAnElevatedPrompt() => Assert.Equal(
        "reach: some owners are hidden: run as Administrator (reach sockets in an elevated prompt) to see them",
        SocketCells.HiddenOwnersHint("reach sockets", new WindowsPrivilegeHint()));

    [Fact]
    [UnsupportedOSPlatform("windows")] // skips itself there
    public void Chooser_OffWindows_PicksTheUnixWordingAndStandardOutput()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "the Unix pick");

        Assert.IsType<UnixPrivilegeHint>(CliPlatform.PrivilegeHint);
        Assert.IsType<UnixStandardOutput>(CliPlatform.StandardOutput);
        Assert.Equal(SocketCells.HiddenOwnersHint("reach sockets", new UnixPrivilegeHint()), SocketCells.HiddenOwnersHint("reach sockets"));
    }
}
