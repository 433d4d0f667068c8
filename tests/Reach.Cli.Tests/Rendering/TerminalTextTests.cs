using Reach.Cli.Rendering;

namespace Reach.Cli.Tests.Rendering;

public class TerminalTextTests
{
    [Theory]
    [InlineData("nginx: worker process", "nginx: worker process")]
    [InlineData("first\nsecond", "first\\nsecond")]
    [InlineData("a\r\tb", "a\\r\\tb")]
    [InlineData("\u001b[31mred\u001b[0m", "\\x1b[31mred\\x1b[0m")]
    [InlineData("nul\0del\u007fcsi\u009b", "nul\\x00del\\x7fcsi\\x9b")]
    [InlineData("cmd \u202egnp.exe\u200b", "cmd \\u202egnp.exe\\u200b")]
    [InlineData("line\u2028para\u2029", "line\\u2028para\\u2029")]
    [InlineData("C:\\bin\\x.exe", "C:\\bin\\x.exe")] // a backslash stays: Windows paths read as they are
    [InlineData("Zürich 東京 😀", "Zürich 東京 😀")]
    [InlineData("tag \U000E0041", "tag \\U000e0041")] // a format character beyond the BMP
    [InlineData("", "")]
    public void Escape_WritesControlAndFormatCharactersAsEscapes_AndKeepsTheRest(string text, string expected) =>
        Assert.Equal(expected, TerminalText.Escape(text));

    [Fact]
    public void Escape_ABrokenSurrogatePair_IsEscaped() => Assert.Equal("broken \\ud800 pair", TerminalText.Escape("broken \ud800 pair"));

    [Fact]
    public void Escape_Null_IsNull() => Assert.Null(TerminalText.Escape(null));
}
