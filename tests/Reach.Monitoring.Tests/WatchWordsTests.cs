using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Reach.Monitoring.Alerts;
using Reach.Monitoring.Probing;
using Reach.Monitoring.Store;
using Reach.Probes;

namespace Reach.Monitoring.Tests;

public class WatchWordsTests
{
    [Fact]
    public void ProbeStateWords_AreTheStoredOnes()
    {
        Assert.Equal(["open", "closed", "filtered", "error", "up", "down", "unresolved", "handshake-failed", "untrusted", "expiring", "http-failed", "bad-status", "body-mismatch", "slow", "no-match"], Enum.GetValues<ProbeState>().Select(s => s.ToWord()));
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

    [Fact]
    public void Words_AreWhatJsonWrites_ForEveryMember()
    {
        AssertAgree(WatchWordsTestJsonContext.Default.ProbeState, s => s.ToWord());
        AssertAgree(WatchWordsTestJsonContext.Default.AlertKind, k => k.ToWord());
        AssertAgree(WatchWordsTestJsonContext.Default.AlertStatus, s => s.ToWord());
    }

    private static void AssertAgree<T>(JsonTypeInfo<T> json, Func<T, string> word)
        where T : struct, Enum
    {
        Assert.All(Enum.GetValues<T>(), member => Assert.Equal(JsonSerializer.Serialize(member, json), $"\"{word(member)}\""));
    }
}

[JsonSerializable(typeof(ProbeState))]
[JsonSerializable(typeof(AlertKind))]
[JsonSerializable(typeof(AlertStatus))]
internal sealed partial class WatchWordsTestJsonContext : JsonSerializerContext;
