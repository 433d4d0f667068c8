using FsCheck.Xunit;
using Reach.Services;

namespace Reach.Core.Tests.Services;

public class EditDistanceTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("", "abc", 3)]
    [InlineData("ssh", "ssh", 0)]
    [InlineData("SSH", "ssh", 0)]
    [InlineData("ssj", "ssh", 1)]
    [InlineData("htps", "https", 1)]
    [InlineData("htps", "http", 2)]
    [InlineData("postgres", "postgresql", 2)]
    [InlineData("kitten", "sitting", 3)]
    public void Levenshtein_KnownPairs(string a, string b, int expected)
    {
        Assert.Equal(expected, EditDistance.Levenshtein(a, b));
        Assert.Equal(expected, EditDistance.Levenshtein(b, a));
    }

    [Theory]
    [InlineData("postgres", "postgresql", 8)]
    [InlineData("Kube", "kube-apiserver", 4)]
    [InlineData("ssh", "smtp", 1)]
    [InlineData("", "x", 0)]
    public void CommonPrefixLength_KnownPairs(string a, string b, int expected) =>
        Assert.Equal(expected, EditDistance.CommonPrefixLength(a, b));

    [Property]
    public bool Levenshtein_IsSymmetricAndBoundedByTheLongerLength(string? a, string? b)
    {
        a ??= "";
        b ??= "";
        var distance = EditDistance.Levenshtein(a, b);
        return distance == EditDistance.Levenshtein(b, a)
            && distance <= Math.Max(a.Length, b.Length)
            && distance >= Math.Abs(a.Length - b.Length);
    }
}
