using System.Net;
using Reach.Sockets;

namespace Reach.Core.Tests.Sockets;

public class AddressScopesTests
{
    [Theory]
    [InlineData("127.0.0.1", AddressScope.Loopback)]
    [InlineData("127.255.0.9", AddressScope.Loopback)]
    [InlineData("::1", AddressScope.Loopback)]
    [InlineData("::ffff:127.0.0.1", AddressScope.Loopback)]
    [InlineData("169.254.3.4", AddressScope.LinkLocal)]
    [InlineData("fe80::1", AddressScope.LinkLocal)]
    [InlineData("febf::1", AddressScope.LinkLocal)]
    [InlineData("10.1.2.3", AddressScope.Private)]
    [InlineData("172.16.0.1", AddressScope.Private)]
    [InlineData("172.31.255.255", AddressScope.Private)]
    [InlineData("192.168.1.1", AddressScope.Private)]
    [InlineData("100.64.0.1", AddressScope.Private)]
    [InlineData("100.127.255.255", AddressScope.Private)]
    [InlineData("fc00::1", AddressScope.Private)]
    [InlineData("fd00:5eac::2", AddressScope.Private)]
    [InlineData("::ffff:10.0.0.5", AddressScope.Private)]
    [InlineData("172.15.0.1", AddressScope.Public)]
    [InlineData("172.32.0.1", AddressScope.Public)]
    [InlineData("100.128.0.1", AddressScope.Public)]
    [InlineData("169.253.0.1", AddressScope.Public)]
    [InlineData("203.0.113.7", AddressScope.Public)]
    [InlineData("fec0::1", AddressScope.Public)]
    [InlineData("2001:db8::5", AddressScope.Public)]
    [InlineData("::ffff:203.0.113.8", AddressScope.Public)]
    public void Classify_GivesTheAddressClass(string address, AddressScope expected) =>
        Assert.Equal(expected, AddressScopes.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData(AddressScope.Loopback, "loopback")]
    [InlineData(AddressScope.LinkLocal, "link-local")]
    [InlineData(AddressScope.Private, "private")]
    [InlineData(AddressScope.Public, "public")]
    public void ToWord_NamesTheClass(AddressScope scope, string word) => Assert.Equal(word, scope.ToWord());
}
