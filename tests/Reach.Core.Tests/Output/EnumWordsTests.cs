using System.Text.Json.Serialization;
using Reach.Output;

namespace Reach.Core.Tests.Output;

public class EnumWordsTests
{
    [Fact]
    public void Word_IsTheMembersJsonName()
    {
        var words = new EnumWords<Signal>(EnumWordsTestContext.Default.Signal);

        Assert.Equal(["green", "amber-flashing", "RED"], Enum.GetValues<Signal>().Select(words.Word));
    }

    [Fact]
    public void TryParse_EveryWord_GivesItsMember()
    {
        var words = new EnumWords<Signal>(EnumWordsTestContext.Default.Signal);

        foreach (var member in Enum.GetValues<Signal>())
        {
            Assert.True(words.TryParse(words.Word(member), out var parsed));
            Assert.Equal(member, parsed);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Green")]
    [InlineData("red")]
    [InlineData("AmberFlashing")]
    [InlineData("0")]
    public void TryParse_NotAWordOfTheEnum_IsFalse(string? word)
    {
        var words = new EnumWords<Signal>(EnumWordsTestContext.Default.Signal);

        Assert.False(words.TryParse(word, out _));
    }

    [Fact]
    public void Word_NumberOfNoMember_Throws()
    {
        var words = new EnumWords<Signal>(EnumWordsTestContext.Default.Signal);

        Assert.Throws<ArgumentOutOfRangeException>(() => words.Word((Signal)42));
    }

    [Fact]
    public void Constructor_EnumWrittenAsNumber_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new EnumWords<Numbered>(EnumWordsTestContext.Default.Numbered));

        Assert.Contains("Numbered.One is written as 0", error.Message, StringComparison.Ordinal);
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<Signal>))]
internal enum Signal
{
    [JsonStringEnumMemberName("green")] Green,
    [JsonStringEnumMemberName("amber-flashing")] AmberFlashing,
    [JsonStringEnumMemberName("RED")] Red,
}

internal enum Numbered
{
    One,
}

[JsonSerializable(typeof(Signal))]
[JsonSerializable(typeof(Numbered))]
internal sealed partial class EnumWordsTestContext : JsonSerializerContext;
