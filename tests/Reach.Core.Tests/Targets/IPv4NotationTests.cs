using Reach.Scanning;
using Reach.Targets;

namespace Reach.Core.Tests.Targets;

/// <summary>
/// Only the dotted quad is an IPv4 address; the forms inet_aton also reads (short, hex, octal, mixed) are refused the
/// same way by every parser, naming what other tools would make of them: none of them may pass as a host name that
/// the resolver would then read as an address.
/// </summary>
public class IPv4NotationTests
{
    public static TheoryData<string, string> LooseForms => new()
    {
        { "0x7f.1", "127.0.0.1" },
        { "0x7f.0.0.1", "127.0.0.1" },
        { "0X7F000001", "127.0.0.1" },
        { "0x7f", "0.0.0.127" },
        { "127.1", "127.0.0.1" },
        { "127.0.1", "127.0.0.1" },
        { "10", "0.0.0.10" },
        { "2130706433", "127.0.0.1" },
        { "010.0.0.1", "8.0.0.1" },
        { "0177.0.0.1", "127.0.0.1" },
        { "10.0.0.01", "10.0.0.1" },
        { "0x0a.010.0.1", "10.8.0.1" },
        { "192.168.0x1", "192.168.0.1" },
    };

    [Theory]
    [MemberData(nameof(LooseForms))]
    public void TargetParser_LooseForm_IsRefusedNamingWhatOtherToolsRead(string text, string meaning)
    {
        Assert.False(TargetParser.TryParse(text, out _, out var error));
        Assert.Equal($"'{text}' is not a valid IPv4 address: write four decimal numbers without leading zeros (other tools would read it as {meaning})", error);
    }

    [Theory]
    [MemberData(nameof(LooseForms))]
    public void HostSpecParser_LooseForm_IsRefusedWithTheSameError(string text, string meaning)
    {
        Assert.False(HostSpecParser.TryParse(text, HostSpecRole.Target, out _, out var error));
        Assert.Equal($"'{text}' is not a valid IPv4 address: write four decimal numbers without leading zeros (other tools would read it as {meaning})", error);
    }

    [Theory]
    [InlineData("0x7f.1/8", "'0x7f.1' is not a valid IPv4 address")]
    [InlineData("0x7f.0.0.1-5", "'0x7f.0.0.1' is not a valid IPv4 address")]
    [InlineData("10.0.0.1-127.1", "'127.1' is not a valid IPv4 address")]
    public void HostSpecParser_LooseFormInANetworkOrRange_IsRefused(string text, string expected)
    {
        Assert.False(HostSpecParser.TryParse(text, HostSpecRole.Target, out _, out var error));
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.2.3.4.5")]
    [InlineData("09.1.1.1")]
    [InlineData("1..2")]
    [InlineData("10.0.0.1.")]
    [InlineData("0x1ffffffff")]
    [InlineData("1.0x1ffffff")]
    public void NotAnAddressInAnyForm_IsRefusedAsNotValid(string text)
    {
        Assert.False(TargetParser.TryParse(text, out _, out var error));
        Assert.Equal($"'{text}' is not a valid IPv4 address", error);
        Assert.False(HostSpecParser.TryParse(text, HostSpecRole.Target, out _, out error));
        Assert.Equal($"'{text}' is not a valid IPv4 address", error);
    }

    [Fact]
    public void ByteOver255_SaysWhichPart()
    {
        Assert.False(TargetParser.TryParse("10.0.0.256", out _, out var error));
        Assert.Equal("'10.0.0.256' is not a valid IPv4 address (256 is over 255)", error);
    }

    [Theory]
    [InlineData("0xdead.example")]
    [InlineData("cafe")]
    [InlineData("deadbeef")]
    [InlineData("x0.example")]
    [InlineData("1password.example")]
    public void NamesWithHexLookingLabels_AreStillNames(string text)
    {
        Assert.True(TargetParser.TryParse(text, out var target, out var error), error);
        Assert.Null(target.Literal);
        Assert.True(HostSpecParser.TryParse(text, HostSpecRole.Target, out var spec, out error), error);
        Assert.True(spec.IsHostName);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("255.255.255.255")]
    [InlineData("10.0.0.10")]
    public void DottedQuad_IsAnAddress(string text)
    {
        Assert.True(TargetParser.TryParse(text, out var target, out var error), error);
        Assert.Equal(text, target.Literal?.ToString());
    }
}
