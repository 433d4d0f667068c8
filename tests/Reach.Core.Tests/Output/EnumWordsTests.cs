using System.Text.Json;
using System.Text.Json.Serialization;
using Reach.Output;

namespace Reach.Core.Tests.Output;

public class EnumWordsTests
{
    [Fact]
    public void Word_IsTheMembersJsonName()
    {
        var words = new EnumWords<Signal>();

        Assert.Equal(["green", "amber-flashing", "RED"], Enum.GetValues<Signal>().Select(words.Word));
    }

    [Fact]
    public void TryParse_EveryWord_GivesItsMember()
    {
        var words = new EnumWords<Signal>();

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
        var words = new EnumWords<Signal>();

        Assert.False(words.TryParse(word, out _));
    }

    [Fact]
    public void Word_NumberOfNoMember_Throws()
    {
        var words = new EnumWords<Signal>();

        Assert.Throws<ArgumentOutOfRangeException>(() => words.Word((Signal)42));
    }

    [Fact]
    public void Constructor_MemberWithoutAWord_Throws()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new EnumWords<Numbered>());

        Assert.Contains("Numbered.One has no [JsonStringEnumMemberName]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Word_IsWhatTheJsonSerializerWrites_ForEveryMember()
    {
        var words = new EnumWords<Signal>();

        Assert.All(Enum.GetValues<Signal>(), member =>
            Assert.Equal($"\"{words.Word(member)}\"", JsonSerializer.Serialize(member, EnumWordsTestContext.Default.Signal)));
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
