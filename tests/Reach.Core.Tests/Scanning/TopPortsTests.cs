using Reach.Scanning;
using Reach.Services;

namespace Reach.Core.Tests.Scanning;

public class TopPortsTests
{
    [Fact]
    public void List_Has1000DistinctValidPorts()
    {
        var ports = TopPorts.Ports.ToArray();
        Assert.Equal(1000, TopPorts.Count);
        Assert.Equal(1000, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 1, 65535));
    }

    [Fact]
    public void List_StartsWithTheMostCommonPorts()
    {
        Assert.Equal(
            [80, 23, 443, 21, 22, 25, 3389, 110, 445, 139, 143, 53, 135, 3306, 8080, 1723, 111, 995, 993, 5900],
            TopPorts.Ports[..20].ToArray().Select(p => (int)p));
    }

    [Fact]
    public void List_AfterTheRankedHead_IsInPortOrder()
    {
        var rest = TopPorts.Ports[TopPorts.RankedCount..].ToArray();
        Assert.Equal(rest.Order(), rest);
    }

    [Theory]
    [InlineData(5985)]
    [InlineData(5986)]
    [InlineData(3268)]
    [InlineData(1433)]
    [InlineData(5432)]
    [InlineData(9200)]
    public void List_HoldsWellKnownAdminPorts(int port)
    {
        Assert.Contains((ushort)port, TopPorts.Ports.ToArray());
    }

    [Fact]
    public void Take_GivesTheFirstPortsAsASet()
    {
        Assert.Equal([22, 23, 80, 443], TopPorts.Take(5).Where(p => p != 21));
        Assert.Equal(80, Assert.Single(TopPorts.Take(1)));
        Assert.Equal(1000, TopPorts.Take(1000).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(1001)]
    public void TryTake_OutOfRange_IsAnError(int count)
    {
        Assert.False(TopPorts.TryTake(count, out var set, out var error));
        Assert.Null(set);
        Assert.Equal($"top port count {count} is out of range (1-1000)", error);
        Assert.Throws<ArgumentOutOfRangeException>(() => TopPorts.Take(count));
    }

    [Fact]
    public void MostOfTheRankedPorts_HaveAServiceName()
    {
        var named = TopPorts.Ports[..20].ToArray().Count(p => ServiceCatalog.FindByPort(p) is not null);
        Assert.True(named >= 18, $"{named} of the top 20 ports have a name in the catalog");
    }
}
