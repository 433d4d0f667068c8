using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Reach.Targets;

namespace Reach.Core.Tests.Targets;

public class TargetParserTests
{
    [Theory]
    [InlineData("srv01", "srv01", null)]
    [InlineData("srv01:443", "srv01", 443)]
    [InlineData("srv01 443", "srv01", 443)]
    [InlineData("db01.corp.local:5432", "db01.corp.local", 5432)]
    [InlineData("10.0.0.5", "10.0.0.5", null)]
    [InlineData("10.0.0.5:22", "10.0.0.5", 22)]
    [InlineData("::1", "::1", null)]
    [InlineData("[::1]", "::1", null)]
    [InlineData("[::1]:22", "::1", 22)]
    [InlineData("[fd00::5]:443", "fd00::5", 443)]
    [InlineData("fe80::1%eth0", "fe80::1%eth0", null)]
    [InlineData("[fe80::1%eth0]:22", "fe80::1%eth0", 22)]
    [InlineData("srv01:https", "srv01", 443)]
    [InlineData("srv01:RDP", "srv01", 3389)]
    [InlineData("[::1] 22", "::1", 22)]
    [InlineData("host.example.", "host.example.", null)]
    public void TryParse_ValidTargets(string text, string host, int? port)
    {
        Assert.True(TargetParser.TryParse(text, out var target, out var error), error);
        Assert.Equal(host, target.Host);
        Assert.Equal(port, target.Port?.Number);
    }

    [Theory]
    [InlineData("", "empty target")]
    [InlineData("srv01:70000", "out of range")]
    [InlineData("srv01:0", "out of range")]
    [InlineData("srv01:-1", "out of range")]
    [InlineData("srv01:htps", "unknown service 'htps'")]
    [InlineData("[::1", "missing ']'")]
    [InlineData("[::1]x", "expected ':port'")]
    [InlineData("::zz", "not a valid IPv6")]
    [InlineData("10.0.0.256", "not a valid IPv4")]
    [InlineData("10.1", "not a valid IPv4")]
    [InlineData("010.0.0.1", "without leading zeros (other tools would read it as 8.0.0.1)")]
    [InlineData("10.0.0.01:22", "without leading zeros (other tools would read it as 10.0.0.1)")]
    [InlineData("bad_host!", "not a valid host name")]
    [InlineData("-srv", "not a valid host name")]
    [InlineData(":80", "expected 'host:port'")]
    [InlineData("srv01:", "expected 'host:port'")]
    [InlineData("a b c", "expected 'host', 'host:port' or 'host port'")]
    public void TryParse_BadTargets_NameTheBadPart(string text, string expected)
    {
        Assert.False(TargetParser.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_LiteralIsSetOnlyForAddresses()
    {
        Assert.True(TargetParser.TryParse("[::1]:22", out var v6, out _));
        Assert.Equal(IPAddress.IPv6Loopback, v6.Literal);
        Assert.True(TargetParser.TryParse("srv01", out var name, out _));
        Assert.Null(name.Literal);
    }

    [Fact]
    public void Display_BracketsIPv6WhenAPortFollows()
    {
        Assert.Equal("[::1]:22", TargetSpec.FormatEndpoint("::1", 22));
        Assert.Equal("10.0.0.1:80", TargetSpec.FormatEndpoint("10.0.0.1", 80));
    }

    [FsCheck.Xunit.Property]
    public Property FormattedEndpoints_ParseBackToTheSameAddressAndPort() => Prop.ForAll(
        Arb.From(Gen.Choose(1, 65535)),
        Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 16)),
        Arb.From(Gen.Elements(true, false)),
        (port, bytes, v6) =>
        {
            var address = v6 ? new IPAddress(bytes) : new IPAddress(bytes[..4]);
            var text = TargetSpec.FormatEndpoint(address.ToString(), port);
            return TargetParser.TryParse(text, out var target, out _)
                && target.Literal!.Equals(address)
                && target.Port!.Value.Number == port;
        });

    [FsCheck.Xunit.Property]
    public Property TryFormatEndpoint_WritesWhatFormatEndpointReturns() => Prop.ForAll(
        Arb.From(Gen.Choose(1, 65535)),
        Arb.From(Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), 16)),
        Arb.From(Gen.Elements(true, false)),
        (port, bytes, v6) =>
        {
            var address = v6 ? new IPAddress(bytes, scopeid: bytes[0] % 3 == 0 ? uint.MaxValue : 0) : new IPAddress(bytes[..4]);
            Span<char> buffer = stackalloc char[64];
            return TargetSpec.TryFormatEndpoint(address, port, buffer, out var written)
                && buffer[..written].SequenceEqual(TargetSpec.FormatEndpoint(address.ToString(), port));
        });

    [FsCheck.Xunit.Property]
    public Property ArbitraryText_NeverThrows() => Prop.ForAll(
        ArbMap.Default.ArbFor<string>(),
        text =>
        {
            var ok = TargetParser.TryParse(text, out var target, out var error);
            return ok ? target is not null && error is null : target is null && !string.IsNullOrEmpty(error);
        });

    [Theory]
    [InlineData("https://www.reach.test/health", "www.reach.test", 443, "https://www.reach.test/health")]
    [InlineData("http://www.reach.test", "www.reach.test", 80, "http://www.reach.test/")]
    [InlineData("HTTPS://www.reach.test:8443/a?b=c", "www.reach.test", 8443, "https://www.reach.test:8443/a?b=c")]
    [InlineData("http://[2001:db8::10]:8080/", "2001:db8::10", 8080, "http://[2001:db8::10]:8080/")]
    public void Url_GivesHostPortAndTheUrl(string text, string host, int port, string url)
    {
        Assert.True(TargetParser.TryParse(text, out var target, out var error), error);
        Assert.Equal(host, target.Host);
        Assert.Equal(port, target.Port!.Value.Number);
        Assert.Equal(url, target.Url!.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://", "not a valid URL")]
    [InlineData("https://admin:secret@www.reach.test/", "reach sends no credentials")]
    [InlineData("http://www.reach.test:0/", "port")]
    public void BadUrl_IsOneClearLine(string text, string expected)
    {
        Assert.False(TargetParser.TryParse(text, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
