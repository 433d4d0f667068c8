using System.Globalization;
using System.Runtime.Versioning;
using Reach.Platform;
using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

/// <summary>Each OS's conventions, and the chooser's pick on the OS the tests run on.</summary>
public class SocketConventionsTests
{
    private const string BindV6Only = "/proc/sys/net/ipv6/bindv6only";

    [Fact]
    [SupportedOSPlatform("linux")] // skips itself elsewhere
    public void Linux_NamesTheLoopbackInterface_AndNoneForAnIndexNoInterfaceHas()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "if_indextoname(3) as on Linux");
        var conventions = new LinuxSocketConventions();

        Assert.Equal("lo", conventions.InterfaceName(1)); // index 1 is lo in every namespace
        Assert.Null(conventions.InterfaceName(0));
        Assert.Null(conventions.InterfaceName((long)uint.MaxValue + 1));
    }

    [Fact]
    [SupportedOSPlatform("linux")] // skips itself elsewhere
    public void Linux_DefaultV6Only_IsTheKernelsBindV6Only()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && File.Exists(BindV6Only), "a Linux kernel with IPv6");
        var expected = int.Parse(File.ReadAllText(BindV6Only).Trim(), CultureInfo.InvariantCulture) != 0;

        Assert.Equal(expected, new LinuxSocketConventions().DefaultV6Only());
    }

    [Fact]
    public void Unknown_KeepsZonesAsNumbers_AndKnowsNoV6OnlyDefault()
    {
        var conventions = new UnknownSocketConventions();

        Assert.Null(conventions.InterfaceName(1));
        Assert.Null(conventions.DefaultV6Only());
    }

    [Fact]
    [SupportedOSPlatform("linux")] // skips itself elsewhere
    public void Chooser_OnLinux_PicksLinuxConventions_ForNotationAndTheV6OnlyDefault()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the Linux pick");

        Assert.IsType<LinuxSocketConventions>(PlatformServices.SocketConventions);
        Assert.Equal(PlatformServices.SocketConventions.DefaultV6Only(), SystemV6OnlyDefault.Read());
    }
}
