using Reach.Monitoring.Probing;
using Reach.Probes;

namespace Reach.Monitoring.Tests;

public class WatchWordsTests
{
    [Fact]
    public void ProbeStateWords_AreTheStoredOnes()
    {
        Assert.Equal(["open", "closed", "filtered", "error", "up", "down", "unresolved"], Enum.GetValues<ProbeState>().Select(s => s.ToWord()));
    }

    [Fact]
    public void ProbeStates_ReadBackFromTheirWords()
    {
        foreach (var state in Enum.GetValues<ProbeState>())
        {
            Assert.True(WatchWords.TryParse(state.ToWord(), out ProbeState parsed));
            Assert.Equal(state, parsed);
        }

        Assert.False(WatchWords.TryParse("pending", out ProbeState _));
    }

    [Fact]
    public void PortStates_KeepTheirWords()
    {
        Assert.All(Enum.GetValues<PortState>(), state => Assert.Equal(state.ToWord(), NetworkProber.State(state).ToWord()));
    }
}
