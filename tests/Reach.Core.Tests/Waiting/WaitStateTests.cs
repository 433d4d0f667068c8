using Reach.Probes;
using Reach.Waiting;

namespace Reach.Core.Tests.Waiting;

public class WaitStateTests
{
    [Fact]
    public void Words_AreTheOnesWaitPrints()
    {
        Assert.Equal(["pending", "open", "closed", "filtered", "error", "unresolved"], Enum.GetValues<WaitState>().Select(s => s.ToWord()));
    }

    [Fact]
    public void PortStates_KeepTheirWords()
    {
        Assert.All(Enum.GetValues<PortState>(), state => Assert.Equal(state.ToWord(), PortWaiter.State(state).ToWord()));
    }
}
