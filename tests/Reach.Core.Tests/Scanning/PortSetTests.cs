using FsCheck;
using FsCheck.Fluent;
using Reach.Scanning;

namespace Reach.Core.Tests.Scanning;

public class PortSetTests
{
    [Fact]
    public void Create_SortsAndRemovesDuplicates()
    {
        var set = PortSet.Create([443, 22, 80, 22]);
        Assert.Equal([22, 80, 443], set);
        Assert.Equal(3, set.Count);
        Assert.Equal(80, set[1]);
        Assert.Equal(1, set.IndexOf(80));
        Assert.Equal(-1, set.IndexOf(81));
        Assert.Equal(-1, set.IndexOf(0));
        Assert.Equal(-1, set.IndexOf(70000));
        Assert.True(set.Contains(443));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65536)]
    [InlineData(-1)]
    public void Create_OutOfRange_Throws(int port)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PortSet.Create([port]));
    }

    [Fact]
    public void Union_CombinesPortsProfilesAndTop()
    {
        Assert.True(PortSetParser.TryParse("22,8000-8002", out var p, out _));
        Assert.True(PortProfiles.TryGet("windows", out var windows, out _));
        var set = p.Union(windows.Ports).Union(TopPorts.Take(3));
        Assert.Equal("22-23,80,135,139,443,445,3389,5985-5986,8000-8002", set.ToString());
    }

    [Fact]
    public void EmptyAndAll()
    {
        Assert.True(PortSet.Empty.IsEmpty);
        Assert.Equal(string.Empty, PortSet.Empty.ToString());
        Assert.Equal(65535, PortSet.All.Count);
        Assert.Equal("1-65535", PortSet.All.ToString());
        Assert.Same(PortSet.Empty, PortSet.Empty.Union(PortSet.Empty));
    }

    [FsCheck.Xunit.Property]
    public Property Union_IsTheSetUnion() => Prop.ForAll(
        Arb.From(Gen.ListOf(Gen.Choose(1, 200))),
        Arb.From(Gen.ListOf(Gen.Choose(1, 200))),
        (a, b) => PortSet.Create(a).Union(PortSet.Create(b)).SequenceEqual(a.Concat(b).Distinct().Order()));
}
