using Reach.Text;

namespace Reach.Core.Tests.Text;

/// <summary>What an answer must hold: substring, regex, both; expressions that could run away are refused.</summary>
public class AnswerMatchTests
{
    [Theory]
    [InlineData("ok", null, "{\"status\":\"ok\"}", true)]
    [InlineData("OK", null, "{\"status\":\"ok\"}", false)] // case counts, as grep -F
    [InlineData(null, "^220 ", "220-first\r\n220 last\r\n", true)] // ^ is a line's start
    [InlineData(null, "^250 ", "220 x\r\n", false)]
    [InlineData("ok", "v[0-9]+", "ok v12", true)]
    [InlineData("ok", "v[0-9]+", "ok", false)] // both must hold
    public void Matches(string? contains, string? pattern, string text, bool expected)
    {
        Assert.True(AnswerMatch.TryCreate(contains, pattern, out var match, out var error), error);
        Assert.Equal(expected, match.IsMatch(text));
    }

    [Theory]
    [InlineData(null, null, "nothing to match")]
    [InlineData("", null, "the substring is empty")]
    [InlineData(null, "(a)\\1", "uses back-references, look-arounds or atomic groups")]
    [InlineData(null, "(?=x)", "uses back-references, look-arounds or atomic groups")]
    [InlineData(null, "[z-a]", "is not a valid regular expression")]
    public void Refused_WithAReason(string? contains, string? pattern, string reason)
    {
        Assert.False(AnswerMatch.TryCreate(contains, pattern, out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void CatastrophicPattern_RunsInLinearTime()
    {
        // (a+)+$ against "aaaa…b" backtracks exponentially in a backtracking engine; NonBacktracking answers at once.
        Assert.True(AnswerMatch.TryCreate(null, "(a+)+$", out var match, out _));
        Assert.False(match.IsMatch(new string('a', 50_000) + "b"));
    }

    [Fact]
    public void Excerpt_IsTheMatchingLine_Escaped()
    {
        Assert.True(AnswerMatch.TryCreate("PONG", null, out var match, out _));
        Assert.Equal("+PONG \\x1b[2J", AnswerMatch.Excerpt("hello\r\n+PONG \u001b[2J\r\nbye", match));
        Assert.Equal("hello", AnswerMatch.Excerpt("hello\r\n+PONG", null));
    }

    [Fact]
    public void Describes_ForMessages() =>
        Assert.Equal("\"ok\" and /v\\d+/", (AnswerMatch.TryCreate("ok", "v\\d+", out var m, out _) ? m : null)!.ToString());
}
