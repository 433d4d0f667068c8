using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

public class ShardSpecTests
{
    [Theory]
    [InlineData("2/4", 2, 4)]
    [InlineData(" 1/1 ", 1, 1)]
    [InlineData("4/4", 4, 4)]
    [InlineData("1 / 3", 1, 3)]
    public void TryParse_KOverN(string text, int number, int count)
    {
        Assert.True(ShardSpec.TryParse(text, out var shard, out var error), error);
        Assert.Equal(number, shard.Number);
        Assert.Equal(number - 1, shard.Index);
        Assert.Equal(count, shard.Count);
        Assert.Equal($"{number}/{count}", shard.ToString());
    }

    [Theory]
    [InlineData("0/4", "shard '0/4': K must be from 1 to 4")]
    [InlineData("5/4", "shard '5/4': K must be from 1 to 4")]
    [InlineData("99999999999/4", "K must be from 1 to 4")]
    [InlineData("1/0", "shard '1/0': N must be from 1 to 2147483647")]
    [InlineData("1/99999999999", "N must be from 1")]
    [InlineData("abc", "'abc' is not a shard (expected K/N, for example 2/4)")]
    [InlineData("2", "is not a shard")]
    [InlineData("2/", "is not a shard")]
    [InlineData("/4", "is not a shard")]
    [InlineData("-1/4", "is not a shard")]
    [InlineData("2/4/8", "is not a shard")]
    [InlineData("", "is not a shard")]
    public void TryParse_Bad_NamesTheProblem(string text, string expected)
    {
        Assert.False(ShardSpec.TryParse(text, out var shard, out var error));
        Assert.Equal(ShardSpec.Whole, shard);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_IsTheWholeScan()
    {
        ShardSpec shard = default;
        Assert.Equal(1, shard.Number);
        Assert.Equal(1, shard.Count);
        Assert.Equal(0, shard.Index);
        Assert.Equal("1/1", shard.ToString());
        Assert.Equal(new ShardSpec(1, 1), ShardSpec.Whole);
    }

    [Fact]
    public void Constructor_Validates()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardSpec(0, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardSpec(5, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardSpec(1, 0));
    }
}
