using FsCheck;
using FsCheck.Fluent;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

public class PortSetParserTests
{
    [Theory]
    [InlineData("22", "22")]
    [InlineData("22,80,443", "22,80,443")]
    [InlineData("443,22,80,22", "22,80,443")]
    [InlineData(" 22 , 80 ", "22,80")]
    [InlineData("1-1024", "1-1024")]
    [InlineData("1 - 3", "1-3")]
    [InlineData("-1024", "1-1024")]
    [InlineData("60000-", "60000-65535")]
    [InlineData("-", "1-65535")]
    [InlineData("1-65535", "1-65535")]
    [InlineData("65535", "65535")]
    [InlineData("7-7", "7")]
    [InlineData("ssh,https,rdp", "22,443,3389")]
    [InlineData("SSH,HTTPS", "22,443")]
    [InlineData("ms-wbt-server", "3389")]
    [InlineData("ftp-data,ftp", "20-21")]
    [InlineData("ssh,80-82,8080,https,81", "22,80-82,443,8080")]
    [InlineData("22,,80,", "22,80")]
    [InlineData("1-100,50-150", "1-150")]
    public void TryParse_AcceptedForms(string text, string expected)
    {
        Assert.True(PortSetParser.TryParse(text, out var set, out var error), error);
        Assert.Equal(expected, set.ToString());
    }

    [Fact]
    public void TryParse_AllPorts_Has65535()
    {
        Assert.True(PortSetParser.TryParse("-", out var set, out _));
        Assert.Equal(65535, set.Count);
        Assert.Equal(1, set[0]);
        Assert.Equal(65535, set[^1]);
    }

    [Theory]
    [InlineData("1024-1", "port range 1024-1 is reversed")]
    [InlineData("0", "port 0 is out of range (1-65535)")]
    [InlineData("0-10", "port 0 is out of range (1-65535)")]
    [InlineData("70000", "port 70000 is out of range (1-65535)")]
    [InlineData("1-70000", "port 70000 is out of range (1-65535)")]
    [InlineData("22,70000", "port 70000 is out of range")]
    [InlineData("1-2-3", "'1-2-3' is not a port, a range or a service name")]
    [InlineData("--", "'--' is not a port, a range or a service name")]
    [InlineData("htps", "unknown service 'htps'; did you mean https")]
    [InlineData("ssh,sssh", "unknown service 'sssh'")]
    [InlineData("zzzzzzzzzz", "unknown service 'zzzzzzzzzz' (see 'reach services')")]
    [InlineData("12ab", "'12ab' is not a port number or service name")]
    [InlineData("", "empty port list")]
    [InlineData(" , ", "empty port list")]
    public void TryParse_BadSpecs_NameTheProblem(string text, string expected)
    {
        Assert.False(PortSetParser.TryParse(text, out var set, out var error));
        Assert.Null(set);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_Null_IsEmpty()
    {
        Assert.False(PortSetParser.TryParse(null, out _, out var error));
        Assert.Equal("empty port list", error);
    }

    [FsCheck.Xunit.Property]
    public Property ToString_ParsesBackToTheSameSet() => Prop.ForAll(
        Arb.From(Gen.NonEmptyListOf(Gen.Choose(1, 65535))),
        ports =>
        {
            var set = PortSet.Create(ports);
            Assert.True(PortSetParser.TryParse(set.ToString(), out var back, out var error), error);
            return back.SequenceEqual(set) && set.SequenceEqual(ports.Distinct().Order());
        });

    [FsCheck.Xunit.Property]
    public Property ArbitraryText_NeverThrows() => Prop.ForAll(
        ArbMap.Default.ArbFor<string>(),
        text =>
        {
            var ok = PortSetParser.TryParse(text, out var set, out var error);
            return ok ? set is not null && !set.IsEmpty && error is null : set is null && !string.IsNullOrEmpty(error);
        });
}
