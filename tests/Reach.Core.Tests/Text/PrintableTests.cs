using Reach.Text;

namespace Reach.Core.Tests.Text;

public class PrintableTests
{
    [Theory]
    [InlineData("db01.example", "db01.example")]
    [InlineData("bücher.example", "bücher.example")]
    [InlineData(@"C:\lists\servers.txt", @"C:\lists\servers.txt")]
    [InlineData("", "")]
    public void OneLine_PrintableText_IsKeptAsItIs(string text, string expected) =>
        Assert.Equal(expected, Printable.OneLine(text));

    [Theory]
    [InlineData("\u001b[31mred\u001b[0m", @"\x1b[31mred\x1b[0m")]
    [InlineData("a\nb", @"a\nb")]
    [InlineData("a\r\nb", @"a\r\nb")]
    [InlineData("a\tb", @"a\tb")]
    [InlineData("a\0b", @"a\x00b")]
    [InlineData("a\u007fb", @"a\x7fb")]
    [InlineData("a\u009bb", @"a\x9bb")]
    [InlineData("evil\u202etxt.exe", @"evil\u202etxt.exe")]
    [InlineData("a\u2028b\u2029c", @"a\u2028b\u2029c")]
    [InlineData("zero\u200bwidth", @"zero\u200bwidth")]
    [InlineData("tag\U000E0041", @"tag\U000e0041")]
    public void OneLine_ControlAndFormatCharacters_AreEscaped(string text, string expected) =>
        Assert.Equal(expected, Printable.OneLine(text));

    [Fact]
    public void OneLine_LoneSurrogate_IsEscaped()
    {
        // Built at run time: an attribute argument cannot hold a lone surrogate.
        var text = "lone" + (char)0xD800 + "surrogate";

        Assert.Equal(@"lone\ud800surrogate", Printable.OneLine(text));
    }

    [Fact]
    public void OneLine_KeepsSurrogatePairsThatPrint()
    {
        Assert.Equal("ok \U0001F600", Printable.OneLine("ok \U0001F600"));
    }

    [Fact]
    public void OneLine_LongText_IsCutWithAnEllipsis()
    {
        var text = new string('a', 10) + "\n" + new string('b', 1_000_000);

        var line = Printable.OneLine(text, 20);

        Assert.Equal(new string('a', 10) + @"\n" + new string('b', 9) + "…", line);
    }

    [Fact]
    public void OneLine_CutNeverSplitsASurrogatePair()
    {
        Assert.Equal("ab…", Printable.OneLine("ab\U0001F600cd", 3));
    }

    [Fact]
    public void OneLine_IsIdempotent()
    {
        var once = Printable.OneLine("x\u001b]0;title\u0007\r\n\u202e");

        Assert.Equal(once, Printable.OneLine(once));
        Assert.True(Printable.IsPrintable(once));
    }

    [Fact]
    public void Quote_WrapsInSingleQuotes_AndCutsAtQuoteLength()
    {
        Assert.Equal(@"'a\x1bb'", Printable.Quote("a\u001bb"));
        var quoted = Printable.Quote(new string('x', 10_000));
        Assert.Equal(Printable.QuoteLength + 3, quoted.Length); // two quotes and the ellipsis
    }

    [Fact]
    public void Quote_HostNameOfTheLongestValidLength_IsShownWhole()
    {
        var name = string.Join('.', Enumerable.Repeat(new string('a', 63), 4))[..253];

        Assert.Equal($"'{name}'", Printable.Quote(name));
    }
}
