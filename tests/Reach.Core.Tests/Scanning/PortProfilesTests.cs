using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

public class PortProfilesTests
{
    [Fact]
    public void AdDc_IsExactlyTheDomainControllerPorts()
    {
        Assert.True(PortProfiles.TryGet("ad-dc", out var profile, out var error), error);
        Assert.Equal([53, 88, 135, 139, 389, 445, 464, 636, 3268, 3269, 9389], profile.Ports);
    }

    [Theory]
    [InlineData("mail", "25,110,143,465,587,993,995")]
    [InlineData("windows", "135,139,445,3389,5985-5986")]
    [InlineData("web", "80,443,3000,5000,8000,8008,8080-8081,8443,8888,9443")]
    [InlineData("db", "1433,1521,3306,5432,5984,6379,8086,9042,9200,11211,27017")]
    [InlineData("linux-admin", "22,111,873,2049,9090,9100,10050")]
    public void Profiles_HoldTheirPorts(string name, string expected)
    {
        Assert.True(PortProfiles.TryGet(name, out var profile, out var error), error);
        Assert.Equal(expected, profile.Ports.ToString());
        Assert.False(string.IsNullOrWhiteSpace(profile.Description));
    }

    [Theory]
    [InlineData("AD-DC")]
    [InlineData(" Web ")]
    [InlineData("Linux-Admin")]
    public void TryGet_IgnoresCaseAndSpaces(string name)
    {
        Assert.True(PortProfiles.TryGet(name, out _, out var error), error);
    }

    [Theory]
    [InlineData("dc", "unknown profile 'dc' (known: ad-dc, db, linux-admin, mail, web, windows)")]
    [InlineData("wbe", "unknown profile 'wbe' (known: ad-dc, db, linux-admin, mail, web, windows)")]
    [InlineData("", "empty profile name (known: ad-dc, db, linux-admin, mail, web, windows)")]
    [InlineData(null, "empty profile name")]
    public void TryGet_Unknown_ListsTheKnownNames(string? name, string expected)
    {
        Assert.False(PortProfiles.TryGet(name, out var profile, out var error));
        Assert.Null(profile);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_AreSortedAndLowerCase()
    {
        Assert.Equal(PortProfiles.Names.Order(StringComparer.Ordinal), PortProfiles.Names);
        Assert.All(PortProfiles.Names, n => Assert.Equal(n.ToLowerInvariant(), n));
    }
}
