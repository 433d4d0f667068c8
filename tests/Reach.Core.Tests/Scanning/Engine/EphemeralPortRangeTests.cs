using Reach.Scanning.Engine;

namespace Reach.Core.Tests.Scanning.Engine;

public class EphemeralPortRangeTests
{
    [Theory]
    [InlineData("32768\t60999\n", 32768, 60999)]
    [InlineData("40004 40005", 40004, 40005)]
    [InlineData("1024\t65535", 1024, 65535)]
    public void Parses_TheKernelsText(string text, int low, int high)
    {
        Assert.True(EphemeralPortRange.TryParse(text, out var range));
        Assert.Equal((low, high), range);
    }

    [Theory]
    [InlineData("")]
    [InlineData("32768")]
    [InlineData("60999 32768")]
    [InlineData("0 100")]
    [InlineData("1 70000")]
    [InlineData("a b")]
    public void RejectsAnythingElse(string text) => Assert.False(EphemeralPortRange.TryParse(text, out _));

    [Fact]
    public void Read_OnLinux_GivesAValidRange()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        if (OperatingSystem.IsLinux())
        {
            var (low, high) = EphemeralPortRange.Read();
            Assert.InRange(low, 1, high);
            Assert.InRange(high, low, 65535);
        }
    }
}
