using Reach.Checking;
using Reach.Probes;

namespace Reach.Core.Tests.Checking;

public class TargetStatusTests
{
    [Fact]
    public void Words_AreTheOnesCheckPrints()
    {
        Assert.Equal(
            ["open", "closed", "filtered", "error", "unresolved", "no-address", "reply", "no-reply", "unavailable", "tls-failed", "wrong-service", "http-failed"],
            Enum.GetValues<TargetStatus>().Select(s => s.ToWord()));
    }
}
