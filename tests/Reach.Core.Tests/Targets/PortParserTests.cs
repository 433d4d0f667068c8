using Reach.Targets;

namespace Reach.Core.Tests.Targets;

public class PortParserTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("443", 443)]
    [InlineData("65535", 65535)]
    [InlineData("https", 443)]
    [InlineData("HTTPS", 443)]
    [InlineData("ssh", 22)]
    [InlineData("RDP", 3389)]
    [InlineData("smb", 445)]
    [InlineData("WINRM", 5985)]
    [InlineData("HTTP", 80)]
    public void TryParse_NumbersAndServiceNames(string text, int expected)
    {
        Assert.True(PortParser.TryParse(text, out var port, out var error), error);
        Assert.Equal(expected, port.Number);
    }

    [Fact]
    public void TryParse_NumberGetsItsServiceName()
    {
        Assert.True(PortParser.TryParse("22", out var port, out _));
        Assert.Equal("ssh", port.ServiceName);
    }

    [Theory]
    [InlineData("0", "out of range (1-65535)")]
    [InlineData("65536", "out of range")]
    [InlineData("70000", "port 70000 is out of range")]
    [InlineData("99999999999", "out of range")]
    [InlineData("-5", "out of range")]
    [InlineData("12ab", "not a port number or service name")]
    [InlineData("", "empty port")]
    [InlineData("htps", "did you mean https")]
    public void TryParse_BadPorts_NameTheProblem(string text, string expected)
    {
        Assert.False(PortParser.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
