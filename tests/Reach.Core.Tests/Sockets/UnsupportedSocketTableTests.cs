using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

public class UnsupportedSocketTableTests
{
    [Theory]
    [InlineData("macOS", "macOS")]
    [InlineData("FreeBSD 14.1-RELEASE", "FreeBSD 14.1-RELEASE")]
    [InlineData("Darwin 23.1.0\nroot:xnu-10002\r\n", "Darwin 23.1.0 root:xnu-10002")]
    public void Read_SaysInOnePlainLineThatThisOsIsNotSupportedYet(string osName, string shownAs)
    {
        var table = new UnsupportedSocketTable(osName);

        var error = Assert.Throws<PlatformNotSupportedException>(() => table.Read(SocketProtocols.All));

        Assert.Contains($"not supported on {shownAs} yet", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
    }
}
