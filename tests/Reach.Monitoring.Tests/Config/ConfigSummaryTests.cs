using Reach.Monitoring.Config;

namespace Reach.Monitoring.Tests.Config;

public sealed class ConfigSummaryTests
{
    [Theory]
    [InlineData(1, 1, 1, "1 check, 1 target, 1 alert channel")]
    [InlineData(2, 39, 0, "2 checks, 39 targets, 0 alert channels")]
    [InlineData(1, 3, 2, "1 check, 3 targets, 2 alert channels")]
    public void Describe_CountsInWords_SingularForOne(int checks, int targets, int channels, string expected) =>
        Assert.Equal(expected, ConfigSummary.Describe(checks, targets, channels));
}
