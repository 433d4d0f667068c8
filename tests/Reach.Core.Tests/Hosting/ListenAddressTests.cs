using System.Net;
using Reach.Hosting;

namespace Reach.Core.Tests.Hosting;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("127.0.0.1:9105", "127.0.0.1", 9105)]
    [InlineData("0.0.0.0:80", "0.0.0.0", 80)]
    [InlineData("[::1]:9106", "::1", 9106)]
    [InlineData("[::]:9106", "::", 9106)]
    [InlineData("localhost:9105", "127.0.0.1", 9105)]
    [InlineData(" 127.0.0.1:9105 ", "127.0.0.1", 9105)]
    [InlineData("[::ffff:127.0.0.1]:9105", "127.0.0.1", 9105)]
    [InlineData("[::FFFF:7f00:2]:9106", "127.0.0.2", 9106)]
    [InlineData("[::ffff:0.0.0.0]:9105", "0.0.0.0", 9105)]
    public void Parse_AddressAndPort(string text, string address, int port)
    {
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), ListenAddress.Parse(text));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("NONE")]
    public void Parse_None_IsNoServer(string text)
    {
        Assert.Null(ListenAddress.Parse(text));
    }

    [Theory]
    [InlineData("9105", "is not ADDR:PORT")]
    [InlineData("::1:9105", "is not ADDR:PORT")]
    [InlineData("127.0.0.1:", "the port must be a number from 1 to 65535")]
    [InlineData("127.0.0.1:0", "the port must be a number from 1 to 65535")]
    [InlineData("127.0.0.1:70000", "the port must be a number from 1 to 65535")]
    [InlineData("127.0.0.1:+80", "the port must be a number from 1 to 65535")]
    [InlineData("monitor.lan:9105", "'monitor.lan' is not an IP address")]
    public void Parse_BadValues_NameTheBadPart(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => ListenAddress.Parse(text));

        Assert.Contains($"--listen '{text}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ErrorExamples_UseTheServicesPort()
    {
        var error = Assert.Throws<FormatException>(() => ListenAddress.Parse("oops", 9106));

        Assert.Contains("127.0.0.1:9106", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MappedAddress_IsTheIPv4Address_ForTheTokenCheckToo()
    {
        var mappedAny = ListenAddress.Parse("[::ffff:0.0.0.0]:9105");

        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetwork, mappedAny!.AddressFamily);
        Assert.Contains("--listen 0.0.0.0:9105 is not a loopback address", ListenAddress.Validate(mappedAny, null), StringComparison.Ordinal);
        Assert.Null(ListenAddress.Validate(ListenAddress.Parse("[::ffff:127.0.0.1]:9105"), null));
        Assert.Equal("127.0.0.1:9105", ListenAddress.Format(ListenAddress.Parse("[::ffff:127.0.0.1]:9105")!));
    }

    [Fact]
    public void Validate_LoopbackNeedsNoToken_ElsewhereDoes()
    {
        Assert.Null(ListenAddress.Validate(new IPEndPoint(IPAddress.Loopback, 9105), null));
        Assert.Null(ListenAddress.Validate(new IPEndPoint(IPAddress.IPv6Loopback, 9105), null));
        Assert.Null(ListenAddress.Validate(null, null));
        Assert.Null(ListenAddress.Validate(new IPEndPoint(IPAddress.Any, 9105), "s3cret"));
        Assert.Contains("is not a loopback address: give --token", ListenAddress.Validate(new IPEndPoint(IPAddress.Any, 9105), null), StringComparison.Ordinal);
        Assert.Contains("must not be empty", ListenAddress.Validate(new IPEndPoint(IPAddress.Loopback, 9105), string.Empty), StringComparison.Ordinal);
    }
}
