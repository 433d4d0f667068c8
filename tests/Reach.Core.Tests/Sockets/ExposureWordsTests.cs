using System.Net;
using Reach.Core.Tests.TestSupport;
using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

public class ExposureWordsTests
{
    [Theory]
    [InlineData("127.0.0.1", null, "loopback")]
    [InlineData("10.0.0.5", null, "private")]
    [InlineData("0.0.0.0", null, "any v4 (public)")]
    [InlineData("::", true, "any v6 (public)")]
    [InlineData("::", false, "any v4+v6 (public)")]
    public void Brief_IsTheTableColumn(string address, bool? v6Only, string expected) =>
        Assert.Equal(expected, ExposureWords.Brief(SocketRowsBuilder.Exposures().Evaluate(IPAddress.Parse(address), v6Only)));

    [Fact]
    public void Brief_MarksAGuessedDualStack() =>
        Assert.Equal("any v6+v4? (public)", ExposureWords.Brief(SocketRowsBuilder.Exposures(false).Evaluate(IPAddress.IPv6Any, null)));

    [Fact]
    public void Sentence_ForAnyV4_ListsTheCoveredAddressesWithTheirClasses()
    {
        var calculator = new ExposureCalculator([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("203.0.113.7")], false);

        Assert.Equal(
            "any IPv4 address of this host: 10.0.0.5 (private), 203.0.113.7 (public); widest: public",
            ExposureWords.Sentence(calculator.Evaluate(IPAddress.Any, null)));
    }

    [Theory]
    [InlineData(true, "IPv6 only (V6ONLY on)")]
    [InlineData(false, "IPv6 and IPv4 (dual-stack)")]
    [InlineData(null, "IPv4 too unless IPV6_V6ONLY")]
    public void Sentence_ForAnyV6_SaysWhetherIPv4IsTaken(bool? v6Only, string expected) =>
        Assert.Contains(expected, ExposureWords.Sentence(SocketRowsBuilder.Exposures(false).Evaluate(IPAddress.IPv6Any, v6Only), false), StringComparison.Ordinal);

    [Fact]
    public void Sentence_ForLoopback_SaysOnlyThisMachine() =>
        Assert.Equal("only this machine (loopback)", ExposureWords.Sentence(SocketRowsBuilder.Exposures().Evaluate(IPAddress.Loopback, null)));
}
